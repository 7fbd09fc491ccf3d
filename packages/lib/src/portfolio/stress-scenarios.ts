import {
  runStressScenario,
  type StressResult,
  type StressScenario,
  stressScenarioSchema,
} from "@creditdesk/core/portfolio";
import type { DatabaseHandle } from "@creditdesk/db";
import { portfolioStressScenarios } from "@creditdesk/db/portfolio";
import { asc, eq, sql } from "drizzle-orm";
import { AppError } from "../shared/app-error.ts";
import { loadPositions } from "./load-positions.ts";
import { getLgdConfig, listConcentrationLimits } from "./portfolio-settings.ts";

export interface StoredScenario {
  id: number;
  scenario: StressScenario;
  createdBy: string;
  updatedBy: string;
  updatedAt: string;
}

const toStored = (r: typeof portfolioStressScenarios.$inferSelect): StoredScenario => ({
  id: r.id,
  scenario: stressScenarioSchema.parse(r.definition),
  createdBy: r.createdBy,
  updatedBy: r.updatedBy,
  updatedAt: r.updatedAt.toISOString(),
});

function parseScenario(input: unknown): StressScenario {
  const parsed = stressScenarioSchema.safeParse(input);
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      "the stress scenario is not valid",
    );
  }
  return parsed.data;
}

export async function listStressScenarios(handle: DatabaseHandle): Promise<StoredScenario[]> {
  const rows = await handle.db
    .select()
    .from(portfolioStressScenarios)
    .orderBy(asc(portfolioStressScenarios.name));
  return rows.map(toStored);
}

async function findScenario(handle: DatabaseHandle, idOrName: string | number): Promise<StoredScenario> {
  const text = String(idOrName);
  const rows = await handle.db
    .select()
    .from(portfolioStressScenarios)
    .where(
      /^\d+$/.test(text)
        ? eq(portfolioStressScenarios.id, Number(text))
        : eq(portfolioStressScenarios.name, text),
    );
  if (!rows[0]) {
    throw AppError.notFound("stress scenario", text);
  }
  return toStored(rows[0]);
}

export async function getStressScenario(options: { handle: DatabaseHandle; scenario: string | number }) {
  return findScenario(options.handle, options.scenario);
}

/** Saves a named scenario (validated); saving an existing name replaces its definition. */
export async function saveStressScenario(options: {
  handle: DatabaseHandle;
  actor: string;
  scenario: unknown;
}): Promise<StoredScenario> {
  const scenario = parseScenario(options.scenario);
  const [row] = await options.handle.db
    .insert(portfolioStressScenarios)
    .values({ name: scenario.name, definition: scenario, createdBy: options.actor, updatedBy: options.actor })
    .onConflictDoUpdate({
      target: portfolioStressScenarios.name,
      set: { definition: scenario, updatedBy: options.actor, updatedAt: sql`now()` },
    })
    .returning();
  return toStored(row!);
}

export async function deleteStressScenario(options: {
  handle: DatabaseHandle;
  scenario: string | number;
}): Promise<{ deleted: number }> {
  const found = await findScenario(options.handle, options.scenario);
  await options.handle.db.delete(portfolioStressScenarios).where(eq(portfolioStressScenarios.id, found.id));
  return { deleted: found.id };
}

/**
 * Runs a stress scenario — a stored one (id or name) or one given inline — on the portfolio as of a
 * date: EL before and after (ΔEL), affected customers (largest change first, `top` listed), and the
 * limits that would break (concentration limits, customers' credit limits, the loss budget).
 */
export async function runStressTest(options: {
  handle: DatabaseHandle;
  asOf: string;
  baseCurrency: string;
  scenario: string | number | { inline: unknown };
  top?: number | undefined;
  now?: Date | undefined;
}): Promise<
  StressResult & { asOf: string; baseCurrency: string; scenario: StressScenario; affectedCount: number }
> {
  const { handle, asOf, baseCurrency } = options;
  const scenario =
    typeof options.scenario === "object"
      ? parseScenario(options.scenario.inline)
      : (await findScenario(handle, options.scenario)).scenario;
  const [positions, lgd, limits] = [
    await loadPositions({ handle, asOf, baseCurrency, now: options.now }),
    await getLgdConfig(handle),
    await listConcentrationLimits(handle),
  ];
  const result = runStressScenario({ positions, scenario, lgd, concentrationLimits: limits });
  const top = options.top ?? 50;
  return {
    ...result,
    affected: result.affected.slice(0, top),
    affectedCount: result.affected.length,
    limitBreaches: result.limitBreaches.slice(0, top),
    asOf,
    baseCurrency,
    scenario,
  };
}
