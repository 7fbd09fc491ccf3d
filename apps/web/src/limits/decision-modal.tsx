import { Form, Input, Select } from "antd";
import { useI18n } from "../shared/i18n/i18n-context.tsx";
import { FormModal } from "../shared/ui/form-modal.tsx";

interface DecisionValues<C extends string> {
  comment?: string;
  condition?: C;
}

/**
 * The one dialog of every decision on the approvals page: a comment (required when `required`)
 * and, for releasing a blocked order, the condition of the release — one form, one confirm. A
 * refused decision keeps the dialog and what was typed, the server's problem on its field.
 */
export function DecisionModal<C extends string>({
  title,
  required,
  conditions,
  onSubmit,
  onSaved,
  onClose,
}: {
  title: string;
  required: boolean;
  /** Offered conditions (first one preselected); absent: no condition asked. */
  conditions?: { values: readonly C[]; label: (value: C) => string };
  /** Sends the decision (comment trimmed; condition only when asked). */
  onSubmit: (decision: { comment: string; condition: C | undefined }) => Promise<unknown>;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const initial: DecisionValues<C> = {};
  if (conditions?.values[0] !== undefined) {
    initial.condition = conditions.values[0];
  }
  return (
    <FormModal<DecisionValues<C>>
      title={title}
      okText={t("approvals.confirm")}
      cancelText={t("approvals.cancel")}
      okTestId="decision-confirm"
      cancelTestId="decision-cancel"
      successMessage={t("approvals.decided")}
      initialValues={initial}
      onSubmit={(v) => onSubmit({ comment: (v.comment ?? "").trim(), condition: v.condition })}
      onSaved={onSaved}
      onClose={onClose}
    >
      {conditions ? (
        <Form.Item
          name="condition"
          label={t("blocked.condition")}
          htmlFor="release-condition"
          rules={[{ required: true }]}
        >
          <Select<C>
            id="release-condition"
            data-testid="release-condition"
            options={conditions.values.map((c) => ({ value: c, label: conditions.label(c) }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="comment"
        label={t("approvals.comment")}
        htmlFor="decision-comment"
        rules={
          required ? [{ required: true, whitespace: true, message: t("approvals.commentRequired") }] : []
        }
      >
        <Input.TextArea id="decision-comment" rows={3} maxLength={4000} />
      </Form.Item>
    </FormModal>
  );
}
