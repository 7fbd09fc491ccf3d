import { resolve } from "node:path";
import { z } from "zod";

/** Environment variables CreditDesk reads, validated once at start-up (fail fast, readable). */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  CREDITDESK_DATA_DIR: z.string().min(1).default("./data"),
  /** Seed a demo portfolio into an empty database at start (default on; "0"/"false" turns it off). */
  CREDITDESK_DEMO: z
    .enum(["1", "0", "true", "false", "yes", "no"])
    .default("1")
    .transform((v) => v === "1" || v === "true" || v === "yes"),
  CREDITDESK_DEMO_CUSTOMERS: z.coerce.number().int().min(1).max(1_000_000).default(300),
  CREDITDESK_BASE_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as CNY")
    .default("CNY"),
  /** SMTP server for alert e-mails, e.g. smtp://user:pass@mail.example.com:587; none → e-mails stay queued. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  SMTP_FROM: z.string().min(3).default("CreditDesk <creditdesk@localhost>"),
  /** Hour (local time, 0–23) of the nightly monitoring run and digest. */
  CREDITDESK_MONITOR_HOUR: z.coerce.number().int().min(0).max(23).default(2),
  CREDITDESK_LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info"),
});

export type AppConfig = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  demoCustomers: number;
  baseCurrency: string;
  logLevel: z.infer<typeof EnvSchema>["CREDITDESK_LOG_LEVEL"];
  smtpUrl: string | undefined;
  smtpFrom: string;
  monitorHour: number;
};

/** Reads and validates the environment; throws one error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid configuration — ${lines.join("; ")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.CREDITDESK_DATA_DIR),
    demo: e.CREDITDESK_DEMO,
    demoCustomers: e.CREDITDESK_DEMO_CUSTOMERS,
    baseCurrency: e.CREDITDESK_BASE_CURRENCY,
    logLevel: e.CREDITDESK_LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    monitorHour: e.CREDITDESK_MONITOR_HOUR,
  };
}
