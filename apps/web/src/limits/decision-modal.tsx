import { type ButtonProps, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { useI18n } from "../shared/i18n/i18n-context.tsx";

/**
 * The one dialog of every decision on the approvals page: a comment (required when `required`)
 * and, for releasing a blocked order, the condition of the release — one form, one confirm.
 */
export function DecisionModal<C extends string>({
  title,
  required,
  busy,
  conditions,
  onCancel,
  onConfirm,
}: {
  title: string;
  required: boolean;
  busy: boolean;
  /** Offered conditions (first one preselected); absent: no condition asked. */
  conditions?: { values: readonly C[]; label: (value: C) => string };
  onCancel: () => void;
  onConfirm: (decision: { comment: string; condition: C | undefined }) => void;
}) {
  const { t } = useI18n();
  const [comment, setComment] = useState("");
  const [condition, setCondition] = useState<C | undefined>(conditions?.values[0]);
  const [missing, setMissing] = useState(false);
  return (
    <Modal
      open
      title={title}
      okText={t("approvals.confirm")}
      cancelText={t("approvals.cancel")}
      confirmLoading={busy}
      okButtonProps={{ "data-testid": "decision-confirm" } as ButtonProps}
      cancelButtonProps={{ "data-testid": "decision-cancel" } as ButtonProps}
      onCancel={onCancel}
      onOk={() => {
        if (required && comment.trim() === "") {
          setMissing(true);
          return;
        }
        onConfirm({ comment: comment.trim(), condition });
      }}
    >
      <Form layout="vertical">
        {conditions ? (
          <Form.Item label={t("blocked.condition")} htmlFor="release-condition">
            <Select<C>
              id="release-condition"
              data-testid="release-condition"
              value={condition ?? null}
              onChange={setCondition}
              options={conditions.values.map((c) => ({ value: c, label: conditions.label(c) }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          label={t("approvals.comment")}
          htmlFor="decision-comment"
          required={required}
          validateStatus={missing ? "error" : ""}
          help={missing ? t("approvals.commentRequired") : undefined}
        >
          <Input.TextArea
            id="decision-comment"
            rows={3}
            maxLength={4000}
            value={comment}
            onChange={(e) => {
              setComment(e.target.value);
              setMissing(false);
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
