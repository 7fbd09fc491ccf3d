import { listModels, promoteModel, retireModel } from "@creditdesk/db/models";
import { loadConfig } from "@creditdesk/lib/config";
import { compareRegisteredModels, historyWindow, readCsvTable, registerModel } from "@creditdesk/lib/models";
import { CliError } from "../shared/fail.ts";
import { openAppDatabase } from "../shared/open-database.ts";
import { readModelFile } from "./read-model-file.ts";

const who = () => `cli:${process.env.USER ?? "unknown"}`;

/** `model register`: stores a model file under a name and version. */
export async function runRegisterCommand(o: {
  model: string;
  name: string;
  version?: string;
  role: "champion" | "challenger";
}): Promise<void> {
  const artefact = await readModelFile(o.model);
  const handle = await openAppDatabase();
  try {
    const saved = await registerModel({
      handle,
      artefact,
      name: o.name,
      role: o.role,
      createdBy: who(),
      ...(o.version === undefined ? {} : { version: o.version }),
    });
    process.stdout.write(`registered ${saved.name} ${saved.version} (${saved.method}, ${saved.role})\n`);
  } finally {
    await handle.close();
  }
}

/** `model list`: one line per model, newest first; `--json` for one JSON array. */
export async function runListCommand(o: { json: boolean }): Promise<void> {
  const handle = await openAppDatabase();
  try {
    const models = await listModels(handle.db);
    const rows = models.map((m) => {
      const metrics = (m.metrics ?? {}) as {
        validation?: { auc?: number | null } | null;
        train?: { auc?: number | null };
      };
      return {
        name: m.name,
        version: m.version,
        method: m.method,
        role: m.role,
        validationAuc: metrics.validation?.auc ?? null,
        createdBy: m.createdBy,
        createdAt: m.createdAt,
      };
    });
    if (o.json) {
      process.stdout.write(`${JSON.stringify(rows)}\n`);
      return;
    }
    if (rows.length === 0) {
      process.stdout.write(
        "no models registered (creditdesk model register --model FILE.json --name NAME)\n",
      );
      return;
    }
    for (const r of rows) {
      const auc = r.validationAuc === null ? "   n/a" : r.validationAuc.toFixed(4);
      process.stdout.write(
        `${r.name.padEnd(20)} ${r.version.padEnd(8)} ${r.method.padEnd(9)} ${r.role.padEnd(10)} AUC ${auc}  ${r.createdAt}  ${r.createdBy}\n`,
      );
    }
  } finally {
    await handle.close();
  }
}

/** `model promote`: the named version becomes champion, the former champion a challenger. */
export async function runPromoteCommand(o: { name: string; version: string }): Promise<void> {
  const handle = await openAppDatabase();
  try {
    const { champion, former } = await promoteModel(handle, o.name, o.version);
    process.stdout.write(
      `${champion.name} ${champion.version} is champion${former ? `; ${former.name} ${former.version} is now a challenger` : ""}\n`,
    );
  } finally {
    await handle.close();
  }
}

/** `model retire`. */
export async function runRetireCommand(o: { name: string; version: string }): Promise<void> {
  const handle = await openAppDatabase();
  try {
    const retired = await retireModel(handle.db, o.name, o.version);
    process.stdout.write(`${retired.name} ${retired.version} retired\n`);
  } finally {
    await handle.close();
  }
}

/** `model compare`: champion vs latest challenger on the same rows, one JSON object. */
export async function runCompareCommand(o: {
  asOf?: string;
  horizon: number;
  data?: string;
  target?: string;
  positive?: string;
}): Promise<void> {
  if ((o.data === undefined) !== (o.target === undefined)) {
    throw new CliError("--data and --target go together");
  }
  if (o.data !== undefined && o.asOf !== undefined) {
    throw new CliError("pass either --as-of (own history) or --data/--target (a labelled file), not both");
  }
  const config = loadConfig();
  const table = o.data === undefined ? undefined : await readCsvTable(o.data);
  const handle = await openAppDatabase();
  try {
    let asOf = o.asOf;
    if (table === undefined && asOf === undefined) {
      const window = await historyWindow(handle.db, { horizonMonths: o.horizon });
      if (!window) {
        throw new CliError(
          `not enough history for a ${o.horizon}-month outcome window; pass --as-of or --data`,
        );
      }
      asOf = window.to;
    }
    const result = await compareRegisteredModels({
      handle,
      source:
        table === undefined
          ? { kind: "history", asOf: asOf!, horizonMonths: o.horizon, baseCurrency: config.baseCurrency }
          : {
              kind: "table",
              table,
              target: o.target!,
              ...(o.positive === undefined ? {} : { positive: o.positive }),
            },
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await handle.close();
  }
}
