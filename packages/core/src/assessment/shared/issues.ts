import type { z } from "zod";

/** "characteristics[3].bins" from a zod issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === "number") {
      return `${acc}[${key}]`;
    }
    return acc === "" ? String(key) : `${acc}.${String(key)}`;
  }, "");
}

/** Zod issues as "path: message" lines (just the message at the root). */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = formatIssuePath(issue.path);
    return path === "" ? issue.message : `${path}: ${issue.message}`;
  });
}

/** A problem found by a validate… function, with the path it concerns (relative to the value checked). */
export interface PathIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Adds PathIssues to a zod refinement context (for superRefine). */
export function addPathIssues(ctx: z.RefinementCtx, issues: readonly PathIssue[]): void {
  for (const issue of issues) {
    ctx.addIssue({ code: "custom", path: [...issue.path], message: issue.message });
  }
}
