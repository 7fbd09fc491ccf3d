import type { DatabaseHandle } from "@creditdesk/db";
import {
  complaintInsert,
  complaintSelect,
  complaintUpdate,
  contactInsert,
  contactSelect,
  contactUpdate,
  customerDefaultInsert,
  customerDefaultSelect,
  customerDefaultUpdate,
  DEFAULT_KINDS,
  EXTERNAL_EVENT_TYPES,
  externalEventInsert,
  externalEventSelect,
  externalEventUpdate,
  externalRatingInsert,
  externalRatingSelect,
  externalRatingUpdate,
  financialStatementInsert,
  financialStatementSelect,
  financialStatementUpdate,
  SEVERITIES,
} from "@creditdesk/db/archive";
import {
  complaintRecords,
  contactRecords,
  customerDefaultRecords,
  externalEventRecords,
  externalRatingRecords,
  financialStatementRecords,
} from "@creditdesk/lib/archive";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { dateQuery, idQuery } from "../shared/list-query.ts";
import { registerRecordRoutes } from "../shared/record-routes.ts";

const currencyQuery = () =>
  z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional();

/** The plain archive records, each under its own collection path with `customerId` as filter. */
export function registerArchiveRecordRoutes(app: FastifyInstance, handle: DatabaseHandle): void {
  registerRecordRoutes(app, {
    handle,
    path: "/contacts",
    tag: "Archive: contacts",
    useCases: contactRecords,
    defaultSort: "name",
    select: contactSelect.meta({ id: "Contact" }),
    insert: contactInsert.meta({ id: "ContactCreate" }),
    update: contactUpdate.meta({ id: "ContactUpdate" }),
    filters: { customerId: idQuery(), isPrimary: z.stringbool().optional(), email: z.string().optional() },
  });
  registerRecordRoutes(app, {
    handle,
    path: "/financial-statements",
    tag: "Archive: financial statements",
    useCases: financialStatementRecords,
    defaultSort: "-periodEnd",
    select: financialStatementSelect.meta({ id: "FinancialStatement" }),
    insert: financialStatementInsert.meta({ id: "FinancialStatementCreate" }),
    update: financialStatementUpdate.meta({ id: "FinancialStatementUpdate" }),
    filters: {
      customerId: idQuery(),
      currency: currencyQuery(),
      audited: z.stringbool().optional(),
      periodFrom: dateQuery(),
      periodTo: dateQuery(),
    },
  });
  registerRecordRoutes(app, {
    handle,
    path: "/external-ratings",
    tag: "Archive: external ratings",
    useCases: externalRatingRecords,
    defaultSort: "-ratedOn",
    select: externalRatingSelect.meta({ id: "ExternalRating" }),
    insert: externalRatingInsert.meta({ id: "ExternalRatingCreate" }),
    update: externalRatingUpdate.meta({ id: "ExternalRatingUpdate" }),
    filters: {
      customerId: idQuery(),
      agency: z.string().optional(),
      ratedFrom: dateQuery(),
      ratedTo: dateQuery(),
    },
  });
  registerRecordRoutes(app, {
    handle,
    path: "/external-events",
    tag: "Archive: external events",
    useCases: externalEventRecords,
    defaultSort: "-occurredOn",
    select: externalEventSelect.meta({ id: "ExternalEvent" }),
    insert: externalEventInsert.meta({ id: "ExternalEventCreate" }),
    update: externalEventUpdate.meta({ id: "ExternalEventUpdate" }),
    filters: {
      customerId: idQuery(),
      type: z.enum(EXTERNAL_EVENT_TYPES).optional(),
      severity: z.enum(SEVERITIES).optional(),
      source: z.string().optional(),
      occurredFrom: dateQuery(),
      occurredTo: dateQuery(),
    },
  });
  registerRecordRoutes(app, {
    handle,
    path: "/complaints",
    tag: "Archive: complaints",
    useCases: complaintRecords,
    defaultSort: "-receivedOn",
    select: complaintSelect.meta({ id: "Complaint" }),
    insert: complaintInsert.meta({ id: "ComplaintCreate" }),
    update: complaintUpdate.meta({ id: "ComplaintUpdate" }),
    filters: {
      customerId: idQuery(),
      severity: z.enum(SEVERITIES).optional(),
      category: z.string().optional(),
      receivedFrom: dateQuery(),
      receivedTo: dateQuery(),
    },
  });
  registerRecordRoutes(app, {
    handle,
    path: "/customer-defaults",
    tag: "Archive: customer defaults",
    useCases: customerDefaultRecords,
    defaultSort: "-defaultedOn",
    select: customerDefaultSelect.meta({ id: "CustomerDefault" }),
    insert: customerDefaultInsert.meta({ id: "CustomerDefaultCreate" }),
    update: customerDefaultUpdate.meta({ id: "CustomerDefaultUpdate" }),
    filters: {
      customerId: idQuery(),
      kind: z.enum(DEFAULT_KINDS).optional(),
      defaultedFrom: dateQuery(),
      defaultedTo: dateQuery(),
    },
  });
}
