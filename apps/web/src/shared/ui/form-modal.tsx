import { Alert, App, type ButtonProps, Form, type FormInstance, Modal } from "antd";
import { type ReactNode, useRef, useState } from "react";
import { ApiError, type FieldProblem } from "../api/client.ts";
import { type FieldErrorEntry, type FieldName, placeFieldProblems } from "./form-problems.ts";

/**
 * Thrown by a dialog's `onSubmit` for values its field rules cannot check (an amount that does not
 * parse in the policy's currency …): the messages go on those fields and nothing is sent.
 */
export class FieldErrors extends Error {
  readonly fields: FieldErrorEntry[];

  constructor(fields: { name: string | FieldName; errors: string[] }[]) {
    super(fields.flatMap((f) => f.errors).join("; "));
    this.name = "FieldErrors";
    this.fields = fields.map((f) => ({
      name: typeof f.name === "string" ? [f.name] : f.name,
      errors: f.errors,
    }));
  }
}

/** Shorthand for one field's one message: `throw fieldError("amount", t("…amountInvalid"))`. */
export const fieldError = (name: string | FieldName, message: string) =>
  new FieldErrors([{ name, errors: [message] }]);

/** What `onSubmit` returns when there was nothing to send: the dialog closes without a success message. */
export const NOTHING_TO_SAVE: unique symbol = Symbol("nothing to save");

export interface FormModalProps<V extends object, R> {
  title: ReactNode;
  /** Shown or not (default shown, for dialogs the page mounts only while open). */
  open?: boolean;
  /** `data-testid` of the form element. */
  testId?: string;
  /** The form's name: it prefixes the fields' element ids, for two forms with the same field names on a page. */
  name?: string;
  /** A form made by the caller with `Form.useForm`, to watch a value (`Form.useWatch`); else one of its own. */
  form?: FormInstance<V>;
  initialValues?: Partial<V>;
  /** The submit button's text (default the locale's OK) and its text while the request runs. */
  okText?: string;
  pendingOkText?: string;
  okTestId?: string;
  cancelText?: string;
  cancelTestId?: string;
  /** Shown as a message when the request succeeded. */
  successMessage?: string;
  /** The request's field names where they differ from the form's (`{ requestedMinor: "amount" }`). */
  problemFields?: Readonly<Record<string, string>>;
  /**
   * Sends the validated values. Throw `FieldErrors` to mark fields without sending, return
   * `NOTHING_TO_SAVE` to close without a request; an API error keeps the dialog open and shows
   * the problem on the fields it names, the rest above the form.
   */
  onSubmit: (values: V, form: FormInstance<V>) => Promise<R | typeof NOTHING_TO_SAVE>;
  /** Called with the request's answer after a successful submit, before `onClose`. */
  onSaved?: ((result: R) => void) | undefined;
  /** Cancel, Escape, the close button, or after saving. */
  onClose: () => void;
  /** The labelled `Form.Item`s. */
  children: ReactNode;
}

interface ShownError {
  message: string;
  rest: FieldProblem[];
}

/**
 * A dialog holding one form: OK validates the fields (AntD rules, shown on the fields) and calls
 * `onSubmit`, with the OK button pending until it answers; on success an optional message, then
 * `onSaved` and `onClose`. A failure keeps the dialog and what was typed: RFC 9457 field problems
 * on their fields, anything else in an alert above the form. Closing throws the values away.
 * Every field is a labelled `Form.Item`, so it is reachable with Tab and found by its label.
 */
export function FormModal<V extends object, R = unknown>(props: FormModalProps<V, R>) {
  const { message } = App.useApp();
  const [own] = Form.useForm<V>();
  const form = props.form ?? own;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  // Fields marked by the submit (not by their rules): a field without rules keeps such a message
  // until told otherwise, so it is cleared when the field changes and before the next request.
  const marked = useRef(new Map<string, FieldName>());
  // Names come from the form itself (its registered fields) or from the dialog, as plain paths;
  // AntD types them by V's shape, which a path of strings cannot show, hence `as never`.
  const mark = (entries: FieldErrorEntry[]) => {
    form.setFields(entries.map((e) => ({ name: e.name as never, errors: e.errors })));
    for (const entry of entries) {
      marked.current.set(entry.name.join("."), entry.name);
    }
  };
  const unmark = (names: FieldName[]) => {
    form.setFields(names.map((name) => ({ name: name as never, errors: [] })));
    for (const name of names) {
      marked.current.delete(name.join("."));
    }
  };

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // the rules' messages are on the fields
    }
    unmark([...marked.current.values()]);
    setPending(true);
    setError(null);
    try {
      const result = await props.onSubmit(values, form);
      if (result !== NOTHING_TO_SAVE) {
        if (props.successMessage) {
          void message.success(props.successMessage);
        }
        props.onSaved?.(result);
      }
      props.onClose();
    } catch (reason) {
      if (reason instanceof FieldErrors) {
        mark(reason.fields);
      } else {
        const problems = reason instanceof ApiError ? reason.errors : [];
        const fields = form.getFieldsError().map((f) => f.name);
        const { placed, rest } = placeFieldProblems(problems, fields, props.problemFields);
        mark(placed);
        setError({ message: reason instanceof Error ? reason.message : String(reason), rest });
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal
      open={props.open ?? true}
      title={props.title}
      onOk={() => void submit()}
      onCancel={props.onClose}
      confirmLoading={pending}
      {...(props.okText !== undefined || props.pendingOkText !== undefined
        ? { okText: pending ? (props.pendingOkText ?? props.okText) : props.okText }
        : {})}
      {...(props.cancelText !== undefined ? { cancelText: props.cancelText } : {})}
      {...(props.okTestId !== undefined
        ? { okButtonProps: { "data-testid": props.okTestId } as ButtonProps }
        : {})}
      {...(props.cancelTestId !== undefined
        ? { cancelButtonProps: { "data-testid": props.cancelTestId } as ButtonProps }
        : {})}
      destroyOnHidden
      afterClose={() => {
        form.resetFields();
        marked.current.clear();
        setError(null);
      }}
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error.message}
          description={
            error.rest.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {error.rest.map((p) => (
                  <li key={`${p.path}:${p.message}`}>{p.path ? `${p.path}: ${p.message}` : p.message}</li>
                ))}
              </ul>
            ) : undefined
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form<V>
        form={form}
        layout="vertical"
        {...(props.name !== undefined ? { name: props.name } : {})}
        data-testid={props.testId}
        initialValues={props.initialValues ?? {}}
        onFinish={() => void submit()}
        onValuesChange={(changed: object) => {
          const names = Object.keys(changed).flatMap((key) =>
            [...marked.current.values()].filter((name) => name[0] === key),
          );
          if (names.length > 0) {
            unmark(names);
          }
        }}
      >
        {props.children}
      </Form>
    </Modal>
  );
}
