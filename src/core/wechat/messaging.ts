/** One subscribe message as cloud.openapi.subscribeMessage.send takes it (camelCase; the SDK converts). */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** The page the message opens. */
  page: string;
  data: Record<string, { value: string }>;
  miniprogramState: string;
}

/** Sends subscribe messages; answers are unknown until checked, failures thrown like the logistics API's. */
export interface MessagingApi {
  sendSubscribeMessage(message: SubscribeMessage): Promise<unknown>;
}

export const SUBSCRIBE_SEND_API = 'subscribeMessage.send';
