/**
 * The background's end of the events port (shared/channels.ts): which views are open (the live
 * streams run while one is) and a broadcast of BackgroundEvents to them. Ports are checked like messages.
 */
import { EVENTS_PORT, type BackgroundEvent } from '../shared/channels';
import { senderKind, type SenderInfo } from './router';

export interface PortLike {
  name: string;
  sender?: SenderInfo;
  postMessage(message: unknown): void;
  disconnect(): void;
  onDisconnect: { addListener(cb: () => void): void };
}

export function eventHub(extensionId: string, onViewsChanged: (open: number) => void = () => undefined) {
  const ports = new Set<PortLike>();
  return {
    /** Accepts a port from a view; refuses anything else. */
    accept(port: PortLike): void {
      if (port.name !== EVENTS_PORT || !port.sender || !senderKind(port.sender, extensionId)) return port.disconnect();
      ports.add(port);
      onViewsChanged(ports.size);
      port.onDisconnect.addListener(() => {
        ports.delete(port);
        onViewsChanged(ports.size);
      });
    },
    emit(event: BackgroundEvent): void {
      for (const port of ports) {
        try {
          port.postMessage(event);
        } catch {
          ports.delete(port); // disconnected between the check and the post
        }
      }
    },
  };
}

export type EventHub = ReturnType<typeof eventHub>;
