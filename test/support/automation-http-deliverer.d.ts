import type { Platform } from '../../src/core';
import type { ChatDeliverer, DeliveryError } from '../../src/outbox/delivery';

export function createHttpDeliverer(options: { url: string; platform: Platform; timeoutMs: number; DeliveryError: typeof DeliveryError; instance?: string }): ChatDeliverer;
