/** Where the end-to-end demo sends its access-request webhook, and the key it signs with. */
export const e2eWebhook = {
  port: (basePort: number) => basePort + 5,
  secret: "e2e-webhook-secret-0123456789abcdef",
};
