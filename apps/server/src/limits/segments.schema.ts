import { creditCheckConfigSchema } from "@creditdesk/core/limits";
import { z } from "zod";

export const SEGMENTS_TAG = "Limits: credit segments";

export const segmentCodeParams = z.object({ code: z.string().min(1).max(64) });

// No component id: the same schema in a request and a response body would make two components
// (input and output) with one name.
const configSchema = creditCheckConfigSchema.describe(
  "The check steps of a segment in order (each at most once), with their thresholds in the limit currency; Watch threshold (share of the limit); reservation lifetime in minutes.",
);

export const segmentBody = z
  .object({ name: z.string().trim().min(1).max(200), config: configSchema })
  .meta({ id: "CreditSegmentSave" });

export const segmentSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    config: configSchema,
    stored: z.boolean().describe("false: not stored yet, the shipped default applies"),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: "CreditSegment" });
