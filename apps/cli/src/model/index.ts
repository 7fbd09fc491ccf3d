import type { Command } from "commander";
import { registerEvaluateCommand } from "./evaluate-command.ts";
import { registerRegistryCommands } from "./registry-commands.ts";
import { registerScoreCommand } from "./score-command.ts";
import { registerTrainCommand } from "./train-command.ts";

/** Registers `creditdesk model train|score|evaluate|dataset|register|list|promote|retire|compare`. */
export function registerModelCommands(program: Command): void {
  const model = program
    .command("model")
    .description("train, score, evaluate and register credit scoring models");
  registerTrainCommand(model);
  registerScoreCommand(model);
  registerEvaluateCommand(model);
  registerRegistryCommands(model);
}
