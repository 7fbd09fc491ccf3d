import {
  AUDIT_EXPORT_FORMATS,
  type AuditExportFormat,
  exportAudit,
  verifyAudit,
} from "@creditdesk/lib/audit";
import { AppError } from "@creditdesk/lib/shared";
import { openAppDatabase } from "../shared/open-database.ts";

/** `creditdesk audit verify`: exit 0 when the chain is intact, 1 naming the first broken entry. */
export async function verifyAuditCommand(): Promise<void> {
  const handle = await openAppDatabase();
  try {
    const verdict = await verifyAudit({ handle });
    if (verdict.ok) {
      process.stdout.write(`audit trail intact: ${verdict.entries} entries, last hash ${verdict.lastHash}\n`);
      return;
    }
    process.stderr.write(`audit trail BROKEN at entry ${verdict.break.seq}: ${verdict.break.message}\n`);
    process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

export async function exportAuditCommand(options: {
  from?: string;
  to?: string;
  format: string;
}): Promise<void> {
  if (!(AUDIT_EXPORT_FORMATS as readonly string[]).includes(options.format)) {
    throw AppError.validation([{ path: "format", message: "csv or json" }]);
  }
  const handle = await openAppDatabase();
  try {
    for await (const chunk of exportAudit({
      handle,
      filters: { from: options.from, to: options.to },
      format: options.format as AuditExportFormat,
    })) {
      if (!process.stdout.write(chunk)) {
        await new Promise((resolve) => process.stdout.once("drain", resolve));
      }
    }
  } finally {
    await handle.close();
  }
}
