import type { Command } from "commander";
import { registerListCustomersCommand } from "./list-customers-command.ts";
import { registerShowCustomerCommand } from "./show-customer-command.ts";

/** `creditdesk customers list|show`. */
export function registerCustomerCommands(program: Command): void {
  const customers = program.command("customers").description("browse the customer credit archive");
  registerListCustomersCommand(customers);
  registerShowCustomerCommand(customers);
}
