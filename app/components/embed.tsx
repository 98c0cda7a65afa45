import { useRouteLoaderData } from '@remix-run/react';

/** Whether this page is shown inside a help center or chat widget (root loader, `isEmbedded`). */
export const useEmbedded = () => useRouteLoaderData<{ embedded: boolean }>('root')?.embedded ?? false;

/**
 * Props for a link that must leave the iframe (mail, the demo-order list): a new tab inside a
 * chat panel, and no handle back to the portal's window.
 */
export function useLeaveFrameProps(): { target?: '_blank'; rel?: 'noopener' } {
  return useEmbedded() ? { target: '_blank', rel: 'noopener' } : {};
}
