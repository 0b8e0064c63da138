import { EventEmitter } from 'node:events';
import type { ServerEvent } from '../../../shared/events.js';

/** In-process fan-out of typed server events to WebSocket clients and other listeners. */
export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(event: ServerEvent): void {
    this.emitter.emit('event', event);
  }
  subscribe(listener: (event: ServerEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
