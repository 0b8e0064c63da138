import Hls from 'hls.js';
import type { PartyMember } from '../../../../../shared/schemas/video-party.js';
import { followPlayback } from '../follow-playback.js';
import { PartyClient } from '../party-client.js';

// The guest page of a watch party, served by the LAN listener under /party/<id>/t/<invite>/.
// Plain DOM (no studio bundle, no API token): every URL is relative to the page, so the invite
// in the path carries over to the media and the socket.

const root = document.getElementById('party')!;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...kids: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
}

function askName(): void {
  const input = el('input', { placeholder: 'Your name', maxLength: 40, value: localStorage.getItem('party-name') ?? '', required: true });
  input.setAttribute('aria-label', 'Your name');
  const form = el('form', {}, input, el('button', { type: 'submit', className: 'cta', textContent: 'Join the party' }));
  form.onsubmit = (e) => {
    e.preventDefault();
    const name = input.value.trim();
    if (!name) return;
    localStorage.setItem('party-name', name);
    join(name);
  };
  root.replaceChildren(el('h1', { textContent: 'Watch party' }), form);
  input.focus();
}

function join(name: string): void {
  const title = el('h1', { textContent: 'Watch party' });
  // Muted at first: browsers block autoplay with sound; one tap on Unmute brings it back.
  const video = el('video', { playsInline: true, controls: false, muted: true });
  video.setAttribute('data-testid', 'party-video');
  const status = el('span', { textContent: 'Connecting…' });
  const drift = el('span');
  drift.setAttribute('data-testid', 'party-drift');
  const mute = el('button', { type: 'button', textContent: 'Unmute' });
  mute.onclick = () => {
    video.muted = !video.muted;
    mute.textContent = video.muted ? 'Unmute' : 'Mute';
  };
  // Playback controls, shown only while this guest is the host of the party (after a handoff).
  const control = (label: string, id: string, act: () => void) => {
    const b = el('button', { type: 'button', textContent: label, onclick: act });
    b.setAttribute('data-testid', id);
    return b;
  };
  const sync = (action: 'play' | 'pause' | 'seek', delta = 0) => party.send({ type: 'sync', action, position: Math.max(0, (party.position() ?? 0) + delta) });
  const controls = el('span', {}, control('Play', 'guest-play', () => sync('play')), control('Pause', 'guest-pause', () => sync('pause')), control('−10 s', 'guest-back', () => sync('seek', -10)), control('+10 s', 'guest-forward', () => sync('seek', 10)));
  controls.hidden = true;
  const people = el('ul');
  people.setAttribute('data-testid', 'party-people');
  const log = el('div', { className: 'log' });
  const text = el('input', { placeholder: 'Say something', maxLength: 500 });
  text.setAttribute('aria-label', 'Chat message');
  const chatForm = el('form', {}, text, el('button', { type: 'submit', textContent: 'Send' }));
  root.replaceChildren(
    title,
    el('section', {}, video, el('div', { className: 'bar' }, controls, status, drift, mute)),
    el('aside', {}, el('h2', { textContent: 'People' }), people, el('h2', { textContent: 'Chat' }), log, chatForm),
  );

  let hls: Hls | null = null;
  let stopFollow: (() => void) | null = null;
  const party = new PartyClient(new URL('ws', location.href.replace(/^http/, 'ws')).href, name, {
    onWelcome: (_id, p) => {
      title.textContent = p.title;
      document.title = `${p.title} · Watch party`;
      const src = p.target.kind === 'video' ? 'media/master/file' : 'live/master.m3u8';
      if (Hls.isSupported()) {
        hls = new Hls({ enableWorker: false, ...(p.target.kind === 'channel' ? { liveSyncDurationCount: 3 } : {}) });
        hls.loadSource(src);
        hls.attachMedia(video);
      } else video.src = src;
      if (p.target.kind === 'video') stopFollow = followPlayback(video, party, (d) => (drift.textContent = `sync ±${Math.abs(d * 1000).toFixed(0)} ms`));
      else void video.play().catch(() => undefined);
      status.textContent = 'Connected';
    },
    onPresence: (members: PartyMember[], hostId) => {
      controls.hidden = hostId === null || hostId !== party.memberId;
      people.replaceChildren(...members.map((m) => el('li', {}, m.name, ...(m.isPartyHost ? [el('span', { className: 'host', textContent: 'host' })] : []))));
    },
    onChat: (c) => {
      log.append(el('div', {}, el('b', { textContent: `${c.name}: ` }), c.text));
      log.scrollTop = log.scrollHeight;
    },
    onPlayback: (pb) => (status.textContent = pb.state === 'playing' ? 'Playing' : 'Paused by the host'),
    onError: (_code, message) => (status.textContent = message),
    onClosed: (reason) => {
      stopFollow?.();
      hls?.destroy();
      video.pause();
      root.replaceChildren(el('p', { className: 'err', textContent: reason }));
    },
  });
  chatForm.onsubmit = (e) => {
    e.preventDefault();
    const t = text.value.trim();
    if (!t) return;
    party.send({ type: 'chat', text: t });
    text.value = '';
  };
}

askName();
