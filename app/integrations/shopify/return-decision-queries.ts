/** An agent's decision on a REQUESTED return, taken on the portal's agent page. */
export const RETURN_APPROVE_REQUEST_MUTATION = `#graphql
  mutation ComptoirReturnApproveRequest($input: ReturnApproveRequestInput!) {
    returnApproveRequest(input: $input) {
      return { id status }
      userErrors { field message code }
    }
  }
`;

export const RETURN_DECLINE_REQUEST_MUTATION = `#graphql
  mutation ComptoirReturnDeclineRequest($input: ReturnDeclineRequestInput!) {
    returnDeclineRequest(input: $input) {
      return { id status }
      userErrors { field message code }
    }
  }
`;
