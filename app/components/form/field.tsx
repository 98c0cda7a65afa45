import { getInputProps, type FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';

/** A labelled text input with its hint and translated errors, wired for screen readers. */
export function Field({
  field,
  label,
  hint,
  type = 'text',
  autoComplete,
  inputMode,
}: {
  field: FieldMetadata<string | null | undefined>;
  label: string;
  hint?: string;
  type?: 'text' | 'email';
  autoComplete?: string;
  inputMode?: 'text' | 'email' | 'numeric';
}) {
  const { t } = useTranslation();
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...inputProps } = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <div className="space-y-1">
      <label htmlFor={field.id} className="block font-semibold text-gray-900">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-gray-700">
          {hint}
        </p>
      ) : null}
      <input
        {...inputProps}
        key={key}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={false}
        autoCapitalize="none"
        className="block w-full rounded-md border border-gray-500 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
      />
      {field.errors?.length ? (
        <p id={field.errorId} className="text-sm font-medium text-red-800">
          {field.errors.map((error) => t(error)).join(' ')}
        </p>
      ) : null}
    </div>
  );
}
