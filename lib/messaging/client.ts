/**
 * The typed transport for the protocol in `protocol.ts`, on @webext-core/messaging.
 * Every handler answers a `Result`, so the caller always gets either a value or a readable error.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { RequestAnswer, RequestData, RequestType, Requests, Result } from './protocol';

export type ProtocolMap = {
  [T in RequestType]: (data: Requests[T][0]) => Result<Requests[T][1]>;
};

export const messenger = defineExtensionMessaging<ProtocolMap>();

/** The background answered, and refused (invalid request, not allowed, or the handler failed). */
export class RequestRefused extends Error {
  override name = 'RequestRefused';
}

/** Sends a request to the background and unwraps the answer; a refusal or failure throws with its message. */
export async function request<T extends RequestType>(type: T, data: RequestData<T>): Promise<RequestAnswer<T>> {
  const sendMessage = messenger.sendMessage as (type: T, data: RequestData<T>) => Promise<Result<RequestAnswer<T>>>;
  const result = await sendMessage(type, data);
  if (!result || typeof result !== 'object' || !('ok' in result)) {
    throw new Error(`No answer from the background for ${type}`);
  }
  if (!result.ok) throw new RequestRefused(result.error);
  return result.value;
}
