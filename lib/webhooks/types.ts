/** What Settings shows of webhook endpoints and their deliveries (never an endpoint's secret after it is made). */
export interface WebhookEndpointView {
  id: string;
  url: string;
  events: string[];
  createdAt: string;
}

export interface WebhookDeliveryView {
  id: string;
  endpointUrl: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastResponse: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string;
}
