import { describe, expect, it } from "vitest";
import { notificationStatus } from "./notification-deadline.ts";

// Invoice due 2025-03-10, policy: notify within 60 days after due (deadline 2025-05-09), warn 7 days before.
const base = { dueOn: "2025-03-10", notificationDeadlineDays: 60, warnDaysBefore: 7 };

describe("overdue-notification deadline", () => {
  it("puts the deadline at due date + policy days and the window start N days before", () => {
    const s = notificationStatus({ ...base, asOf: "2025-04-01" });
    expect(s.deadline).toBe("2025-05-09");
    expect(s.warnFrom).toBe("2025-05-02");
    expect(s.daysLeft).toBe(38);
  });

  it.each([
    ["2025-03-10", "not_overdue", 60],
    ["2025-03-11", "pending", 59],
    ["2025-05-01", "pending", 8],
    ["2025-05-02", "warning", 7],
    ["2025-05-09", "warning", 0],
    ["2025-05-10", "missed", -1],
    ["2025-07-01", "missed", -53],
  ])("on %s the invoice is %s (%i days left)", (asOf, state, daysLeft) => {
    const s = notificationStatus({ ...base, asOf });
    expect(s.state).toBe(state);
    expect(s.daysLeft).toBe(daysLeft);
  });

  it("stops warning once notified in time, and marks a late notification as lost cover", () => {
    expect(notificationStatus({ ...base, asOf: "2025-05-05", notifiedOn: "2025-05-04" }).state).toBe(
      "notified",
    );
    expect(notificationStatus({ ...base, asOf: "2025-05-20", notifiedOn: "2025-05-09" }).state).toBe(
      "notified",
    );
    expect(notificationStatus({ ...base, asOf: "2025-05-20", notifiedOn: "2025-05-12" }).state).toBe(
      "notified_late",
    );
    // A notification dated after as-of does not count yet (history as of a date).
    expect(notificationStatus({ ...base, asOf: "2025-05-05", notifiedOn: "2025-05-06" }).state).toBe(
      "warning",
    );
  });

  it("warns from the day after due when the window is longer than the deadline", () => {
    const s = notificationStatus({
      dueOn: "2025-03-10",
      notificationDeadlineDays: 5,
      warnDaysBefore: 10,
      asOf: "2025-03-11",
    });
    expect(s.state).toBe("warning");
  });

  it("crosses month and leap-year ends on whole calendar days", () => {
    expect(notificationStatus({ ...base, dueOn: "2024-01-31", asOf: "2024-02-01" }).deadline).toBe(
      "2024-03-31",
    );
    expect(
      notificationStatus({ ...base, dueOn: "2023-12-31", notificationDeadlineDays: 60, asOf: "2024-01-01" })
        .deadline,
    ).toBe("2024-02-29");
  });
});
