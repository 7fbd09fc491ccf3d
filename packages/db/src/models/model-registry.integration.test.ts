import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/index.ts";
import {
  findChampion,
  findLatestChallenger,
  insertModel,
  listModels,
  ModelRegistryError,
  nextModelVersion,
  promoteModel,
  retireModel,
} from "./model-registry.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const artefact = (tag: string) => ({
  format: "creditdesk-model",
  tag,
  weights: [0.1, 1e-7, -3.25, 12345678.901234],
});
const values = (name: string, version: string, role: "champion" | "challenger" = "challenger") => ({
  name,
  version,
  method: "scorecard",
  artefact: artefact(`${name}@${version}`),
  metrics: { train: { auc: 0.7 } },
  role,
  createdBy: "test",
});

describe("model registry repository", () => {
  it("registers, lists newest first and keeps the artefact exactly", async () => {
    await insertModel(t, values("pd", "1", "champion"));
    await insertModel(t, values("pd", "2"));
    const list = await listModels(t.db);
    expect(list.map((m) => [m.name, m.version, m.role])).toEqual([
      ["pd", "2", "challenger"],
      ["pd", "1", "champion"],
    ]);
    expect(list[1]!.artefact).toEqual(artefact("pd@1"));
    expect(await nextModelVersion(t.db, "pd")).toBe("3");
    expect(await nextModelVersion(t.db, "other")).toBe("1");
  });

  it("refuses an existing name + version and leaves the stored one unchanged", async () => {
    const attempt = insertModel(t, { ...values("pd", "1"), artefact: { changed: true } });
    await expect(attempt).rejects.toBeInstanceOf(ModelRegistryError);
    await expect(attempt).rejects.toThrow(/already exists/);
    const list = await listModels(t.db);
    expect(list.filter((m) => m.version === "1")).toHaveLength(1);
    expect(list.find((m) => m.version === "1")!.artefact).toEqual(artefact("pd@1"));
  });

  it("promotes a challenger: the champion changes and the former one becomes a challenger", async () => {
    const { champion, former } = await promoteModel(t, "pd", "2");
    expect([champion.version, champion.role]).toEqual(["2", "champion"]);
    expect(former?.version).toBe("1");
    expect((await findChampion(t.db))?.version).toBe("2");
    expect((await findLatestChallenger(t.db))?.version).toBe("1");
    const roles = (await listModels(t.db)).map((m) => m.role);
    expect(roles.filter((r) => r === "champion")).toHaveLength(1);
  });

  it("rolls the whole promotion back when it fails, so there is never no champion", async () => {
    await expect(promoteModel(t, "pd", "404")).rejects.toThrow(/not registered/);
    expect((await findChampion(t.db))?.version).toBe("2");
  });

  it("keeps one champion when two promotions run at once", async () => {
    await insertModel(t, values("pd", "3"));
    const results = await Promise.allSettled([promoteModel(t, "pd", "1"), promoteModel(t, "pd", "3")]);
    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
    const champions = (await listModels(t.db)).filter((m) => m.role === "champion");
    expect(champions).toHaveLength(1);
  });

  it("registering a new champion demotes the old one in the same step", async () => {
    await insertModel(t, values("pd", "4", "champion"));
    const champions = (await listModels(t.db)).filter((m) => m.role === "champion");
    expect(champions.map((m) => m.version)).toEqual(["4"]);
  });

  it("retires a model so it is no longer the latest challenger", async () => {
    const latest = await findLatestChallenger(t.db);
    await retireModel(t.db, latest!.name, latest!.version);
    expect((await findLatestChallenger(t.db))?.version).not.toBe(latest!.version);
    await expect(retireModel(t.db, "pd", "999")).rejects.toThrow(ModelRegistryError);
  });
});
