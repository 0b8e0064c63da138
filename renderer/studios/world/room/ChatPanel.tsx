import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { QUOTAS } from '../../../../shared/world/room-protocol.js';
import { isTypingTarget } from '../scene/keys.js';
import type { RoomClient } from './room-client.js';
import { useRoomStore } from './room-store.js';

const clock = (at: number): string => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * The session's chat (host and LAN guests alike): who said what (with their avatar's colour)
 * and when, newest at the bottom.
 * Text is rendered as text (React escapes it), never as markup. The box holds QUOTAS.chatChars
 * characters; when the host's chat limit refuses a line, its message shows here and the line
 * comes back into the box, so nothing typed is lost. Enter in the scene opens the box, Escape
 * leaves it (walking keys never reach the avatar while typing).
 */
export function ChatPanel({ client }: { client: RoomClient }) {
  const chat = useRoomStore((s) => s.chat);
  const players = useRoomStore((s) => s.players);
  const you = useRoomStore((s) => s.you);
  const refusal = useRoomStore((s) => s.chatRefusal);
  const joined = useRoomStore((s) => s.status === 'joined');
  const [text, setText] = useState('');
  const lastSent = useRef('');
  const list = useRef<HTMLOListElement>(null);
  const input = useRef<HTMLInputElement>(null);

  // Newest line in view.
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [chat.length]);

  // A refused line comes back into the (empty) box; the refusal clears itself when it expires.
  useEffect(() => {
    if (!refusal) return undefined;
    setText((t) => (t ? t : lastSent.current));
    const timer = setTimeout(() => useRoomStore.getState().set({ chatRefusal: null }), Math.max(1500, refusal.until - Date.now()));
    return () => clearTimeout(timer);
  }, [refusal]);

  // Enter anywhere outside a field focuses the box.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.code !== 'Enter' || isTypingTarget(e.target)) return;
      e.preventDefault();
      if (document.pointerLockElement) document.exitPointerLock();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const line = text.trim();
    if (!line) return;
    if (client.send('chat', { text: line })) {
      lastSent.current = line;
      setText('');
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') e.currentTarget.blur();
  };
  const left = QUOTAS.chatChars - text.length;

  return (
    <section className="room-chat" data-testid="room-chat" aria-label="Chat">
      <ol className="room-chat-list" ref={list} aria-live="polite">
        {chat.length === 0 ? <li className="muted">No messages yet. Press Enter to chat.</li> : null}
        {chat.map((m, i) => (
          <li key={`${m.at}-${m.from}-${i}`} data-testid="room-chat-line">
            <time dateTime={new Date(m.at).toISOString()}>{clock(m.at)}</time>{' '}
            <span className="room-dot" style={{ background: players[m.from]?.color ?? '#888' }} /> <strong>{m.from === you ? `${m.name} (you)` : m.name}</strong>{' '}
            <span className="room-chat-text" data-testid="room-chat-text">
              {m.text}
            </span>
          </li>
        ))}
      </ol>
      {refusal ? (
        <p className="room-chat-refusal" role="alert" data-testid="room-chat-refusal">
          {refusal.text}
        </p>
      ) : null}
      <form className="room-chat-form" onSubmit={submit}>
        <input
          ref={input}
          data-testid="room-chat-input"
          aria-label="Chat message"
          value={text}
          maxLength={QUOTAS.chatChars}
          placeholder={joined ? 'Say something…' : 'Not connected'}
          disabled={!joined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        {text.length > QUOTAS.chatChars - 60 ? <span className={left < 20 ? 'room-chat-left room-dev-warn' : 'room-chat-left muted'}>{left}</span> : null}
        <button type="submit" className="btn btn-small" disabled={!joined || !text.trim()}>
          Send
        </button>
      </form>
    </section>
  );
}
