import { Form, useRouteLoaderData, type FormProps } from '@remix-run/react';
import { FORM_TOKEN_FIELD } from '~/security/form-token-field';

/**
 * The one way to render a form that posts: Remix's Form with the page's anti-forgery token as a
 * hidden field, which every action checks first (app/security/form-guard.server.ts).
 */
export function PostForm({ children, ...props }: Omit<FormProps, 'method'>) {
  const token = useRouteLoaderData<{ formToken: string }>('root')?.formToken ?? '';
  return (
    <Form method="post" {...props}>
      <input type="hidden" name={FORM_TOKEN_FIELD} value={token} />
      {children}
    </Form>
  );
}
