import type { Command } from "commander";
import { registerEvaluateCommand } from "./evaluate-command.ts";
import { registerScoreCommand } from "./score-command.ts";
import { registerTrainCommand } from "./train-command.ts";

/** Registers `creditdesk model train|score|evaluate`. */
export function registerModelCommands(program: Command): void {
  const model = program.command("model").description("train, score and evaluate credit scoring models");
  registerTrainCommand(model);
  registerScoreCommand(model);
  registerEvaluateCommand(model);
}
