import {
  COMPLAINT_FILTERS,
  COMPLAINT_SORTS,
  CONTACT_FILTERS,
  CONTACT_SORTS,
  CUSTOMER_DEFAULT_FILTERS,
  CUSTOMER_DEFAULT_SORTS,
  complaintResource,
  contactResource,
  customerDefaultResource,
  EXTERNAL_EVENT_FILTERS,
  EXTERNAL_EVENT_SORTS,
  EXTERNAL_RATING_FILTERS,
  EXTERNAL_RATING_SORTS,
  externalEventResource,
  externalRatingResource,
  FINANCIAL_STATEMENT_FILTERS,
  FINANCIAL_STATEMENT_SORTS,
  financialStatementResource,
} from "@creditdesk/db/archive";
import { recordUseCases } from "../shared/records.ts";

/** Plain archive records: list/get/create/update with the generic record use cases. */
export const contactRecords = recordUseCases({
  name: "contact",
  resource: contactResource,
  sorts: CONTACT_SORTS,
  filters: CONTACT_FILTERS,
  defaultSort: "name",
});
export const financialStatementRecords = recordUseCases({
  name: "financial statement",
  resource: financialStatementResource,
  sorts: FINANCIAL_STATEMENT_SORTS,
  filters: FINANCIAL_STATEMENT_FILTERS,
  defaultSort: "-periodEnd",
});
export const externalRatingRecords = recordUseCases({
  name: "external rating",
  resource: externalRatingResource,
  sorts: EXTERNAL_RATING_SORTS,
  filters: EXTERNAL_RATING_FILTERS,
  defaultSort: "-ratedOn",
});
export const externalEventRecords = recordUseCases({
  name: "external event",
  resource: externalEventResource,
  sorts: EXTERNAL_EVENT_SORTS,
  filters: EXTERNAL_EVENT_FILTERS,
  defaultSort: "-occurredOn",
});
export const complaintRecords = recordUseCases({
  name: "complaint",
  resource: complaintResource,
  sorts: COMPLAINT_SORTS,
  filters: COMPLAINT_FILTERS,
  defaultSort: "-receivedOn",
});
export const customerDefaultRecords = recordUseCases({
  name: "customer default",
  resource: customerDefaultResource,
  sorts: CUSTOMER_DEFAULT_SORTS,
  filters: CUSTOMER_DEFAULT_FILTERS,
  defaultSort: "-defaultedOn",
});
