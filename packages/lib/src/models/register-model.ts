import type { ModelArtefact } from "@creditdesk/core/models";
import { parseArtefact } from "@creditdesk/core/models";
import type { DatabaseHandle } from "@creditdesk/db";
import { insertModel, nextModelVersion, type RegisteredModel } from "@creditdesk/db/models";

/**
 * Registers a trained artefact under a name: validated first (parseArtefact), stored whole as jsonb
 * with its metrics. Without a version the next integer version of the name is used. An existing
 * name + version is refused (ModelRegistryError `duplicate_version`).
 */
export async function registerModel(options: {
  handle: DatabaseHandle;
  artefact: ModelArtefact | unknown;
  name: string;
  version?: string;
  role?: "champion" | "challenger";
  createdBy: string;
}): Promise<RegisteredModel> {
  const artefact = parseArtefact(options.artefact);
  const name = options.name.trim();
  if (name === "") {
    throw new RangeError("a model needs a name");
  }
  const version = options.version?.trim() || (await nextModelVersion(options.handle.db, name));
  return insertModel(options.handle, {
    name,
    version,
    method: artefact.method,
    artefact,
    metrics: artefact.metrics,
    role: options.role ?? "challenger",
    createdBy: options.createdBy,
  });
}

/** A registered model with its artefact validated. */
export function registeredArtefact(model: RegisteredModel): ModelArtefact {
  return parseArtefact(model.artefact);
}
