/**
 * Shapes of the reviews capability (apps/server/src/reviews): the due list, completion and the
 * review report (HTML or PDF).
 */
import { ApiError } from "../shared/api/client.ts";

export const REVIEW_CONCLUSIONS = ["keep", "raise", "lower", "hold"] as const;
export type ReviewConclusion = (typeof REVIEW_CONCLUSIONS)[number];

/** One open review due on or before the asked date (`GET /reviews`, rows as the server names them). */
export interface DueReview {
  id: number;
  customer_id: number;
  code: string;
  legal_name: string;
  due_on: string;
  reason: string;
  owner: string | null;
}

/** Overdue: due before today (a review due today is due, not late). */
export function isOverdue(review: Pick<DueReview, "due_on">, today: string): boolean {
  return review.due_on < today;
}

/** "YYYY-MM-DD" `days` after `iso` (calendar days, UTC). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Reviews grouped by due date, for the calendar. */
export function byDueDate(reviews: readonly DueReview[]): Map<string, DueReview[]> {
  const days = new Map<string, DueReview[]>();
  for (const r of reviews) {
    const list = days.get(r.due_on) ?? [];
    list.push(r);
    days.set(r.due_on, list);
  }
  return days;
}

/**
 * The review report. The workbench's own address answers browser navigations with the app, so
 * the report is fetched as data (JSON ranked first in Accept) and shown or saved from there.
 */
export async function fetchReviewReport(id: number, format: "html" | "pdf"): Promise<Blob> {
  const response = await fetch(`/reviews/${id}/report?format=${format}`, {
    credentials: "same-origin",
    headers: { accept: format === "pdf" ? "application/pdf" : "application/json;q=0.5, text/html;q=0.4" },
  });
  if (!response.ok) {
    throw new ApiError(response.status, response.statusText);
  }
  return response.blob();
}
