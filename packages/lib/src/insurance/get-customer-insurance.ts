import { getExposure } from "../limits/get-exposure.ts";
import { requireCustomerId } from "../shared/records.ts";
import { listOverdueNotifications } from "./file-overdue-notification.ts";
import type { DatabaseHandle } from "./insurance-common.ts";
import { listFactoredReceivables } from "./list-factoring.ts";
import { listInsuranceClaims } from "./list-insurance-claims.ts";
import { listInsuredLimitHistory, listInsuredPositions } from "./list-insured-limits.ts";
import { listNotificationDeadlines } from "./list-notification-deadlines.ts";

/**
 * A buyer's insurance and factoring file on a date: insured positions (limit in force, exposure,
 * cover, excess), the decision history, exposure gross and net of cover (limits capability),
 * overdue invoices against their notification deadlines, notifications filed, claims, and the
 * invoices sold or pledged to factors.
 */
export async function getCustomerInsurance(options: {
  handle: DatabaseHandle;
  customer: string | number;
  asOf: string;
}) {
  const { handle, asOf } = options;
  const customerId = await requireCustomerId(handle, options.customer);
  const exposure = await getExposure({ handle, customer: customerId, now: new Date(`${asOf}T12:00:00Z`) });
  return {
    customerId,
    asOf,
    exposure: {
      currency: exposure.currency,
      grossMinor: exposure.net.grossMinor,
      insuredMinor: exposure.net.insuredMinor,
      collateralMinor: exposure.net.collateralMinor,
      guaranteesMinor: exposure.net.guaranteesMinor,
      netMinor: exposure.net.netMinor,
      missingFxCurrencies: exposure.missingFxCurrencies,
    },
    positions: await listInsuredPositions({ handle, asOf, customerIds: [customerId] }),
    history: await listInsuredLimitHistory({ handle, customerId }),
    deadlines: await listNotificationDeadlines({ handle, asOf, customerIds: [customerId] }),
    notifications: await listOverdueNotifications({ handle, customerId }),
    claims: await listInsuranceClaims({ handle, customerId }),
    factored: await listFactoredReceivables({ handle, customerId }),
  };
}
