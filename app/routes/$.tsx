import { GeneralErrorBoundary } from '~/components/error-boundary';
import { notFound } from '~/utils/http.server';

/*
 * Every address no other route claims. Without this route Remix answers a 404 without running
 * the root loader, so the "Page not found" page would lose the store's name, colours and
 * contact; thrown from here, the root's layout has them.
 */
export const handle = { i18n: ['common'] };

export function loader(): never {
  throw notFound();
}

export function action(): never {
  throw notFound();
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
