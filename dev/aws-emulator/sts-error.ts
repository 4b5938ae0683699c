/** An error as AWS's Query APIs (STS, IAM) answer it: code, HTTP status, and Sender/Receiver type. */
export class StsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: "Sender" | "Receiver" = "Sender",
  ) {
    super(message);
  }
}
