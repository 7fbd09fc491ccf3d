import { Command } from "commander";
import { registerApplicationCommands } from "./applications/index.ts";
import { registerAssessmentCommands } from "./assessment/index.ts";
import { registerCollectionCommands } from "./collections/index.ts";
import { registerCustomerCommands } from "./customers/index.ts";
import { registerDemoCommands } from "./demo/index.ts";
import { registerIdentityCommands } from "./identity/index.ts";
import { registerImportCommands } from "./import/index.ts";
import { registerInsuranceCommands } from "./insurance/index.ts";
import { registerLimitCommands } from "./limits/index.ts";
import { registerMigrateCommands } from "./migrate/index.ts";
import { registerModelCommands } from "./model/index.ts";
import { registerMonitoringCommands } from "./monitoring/index.ts";
import { registerPortfolioCommands } from "./portfolio/index.ts";
import { registerReviewCommands } from "./reviews/index.ts";
import { reportAndExit } from "./shared/fail.ts";
import { registerStartCommands } from "./start/index.ts";

/**
 * The `creditdesk` command. Each capability registers its own sub-commands from
 * `apps/cli/src/<capability>/index.ts`, mirroring the folders of the other layers; the
 * registrations only declare options — each action imports its use case when it runs.
 */
const program = new Command("creditdesk")
  .description("CreditDesk — customer credit risk management")
  .showHelpAfterError()
  .exitOverride();

registerStartCommands(program);
registerMigrateCommands(program);
registerDemoCommands(program);
registerImportCommands(program);
registerCustomerCommands(program);
registerAssessmentCommands(program);
registerLimitCommands(program);
registerInsuranceCommands(program);
registerReviewCommands(program);
registerModelCommands(program);
registerIdentityCommands(program);
registerMonitoringCommands(program);
registerPortfolioCommands(program);
registerCollectionCommands(program);
registerApplicationCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const code = (error as { code?: string }).code;
  if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help") {
    process.exit(0);
  }
  if (typeof code === "string" && code.startsWith("commander.")) {
    process.exit(2);
  }
  reportAndExit(error);
}
