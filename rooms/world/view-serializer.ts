import { SchemaSerializer, type Client } from '@colyseus/core';
import { Encoder, type Iterator, type Schema, type StateView } from '@colyseus/schema';

/**
 * Colyseus' schema serializer with a fix for filtered (StateView) state that outgrows its buffer.
 *
 * @colyseus/schema 3.0.x (the line Colyseus 0.16 needs) encodes each client's view into one
 * buffer of Encoder.BUFFER_SIZE (8 KB), appending client after client. When a patch overflows it,
 * `encode()` re-encodes into a bigger buffer but `encodeView()`/`encodeAllView()` still copy from
 * the old one and have already consumed the view's add/remove changes: the client gets a truncated
 * patch without the bodies it was just shown, and its decoder logs `"refId" not found … Please
 * report this issue` for every later change to them (16 bots near 200 crates hit it at once).
 *
 * So: each client's view is encoded from the end of the shared part instead of after the previous
 * client's (the result is copied out anyway), and before every patch and full state the buffers
 * are grown to a bound on what this state can encode to, computed from what it holds now
 * (`bound`). A patch that still overflowed is reported through `onOverflow`: its clients may have
 * missed part of it.
 */
export class ViewSafeSerializer<T extends Schema> extends SchemaSerializer<T> {
  constructor(
    private readonly bound: () => number,
    private readonly onOverflow: (needed: number, had: number) => void,
  ) {
    super();
  }

  override reset(newState: T & Schema): void {
    super.reset(newState);
    const encoder = this.encoder;
    const encodeView = encoder.encodeView.bind(encoder);
    encoder.encodeView = (view: StateView, sharedOffset: number, it: Iterator, bytes?: Buffer) => {
      it.offset = sharedOffset;
      return encodeView(view, sharedOffset, it, bytes);
    };
  }

  override getFullState(client?: Client): Buffer {
    this.reserve();
    const had = this.fullEncodeBuffer;
    const out = super.getFullState(client);
    // On overflow encodeAll moves to a new buffer (its offset ends past the old one) and
    // encodeAllView's copy is cut at the old buffer's end.
    if (this.sharedOffsetCache.offset > had.byteLength || out.byteLength >= had.byteLength) this.onOverflow(Math.max(this.sharedOffsetCache.offset, out.byteLength), had.byteLength);
    return out;
  }

  override applyPatches(clients: Client[]): boolean {
    const had = this.reserve();
    const changed = super.applyPatches(clients);
    if (this.encoder.sharedBuffer !== had) this.onOverflow(this.encoder.sharedBuffer.byteLength, had.byteLength);
    return changed;
  }

  /** Grows both buffers (never shrinks: a room's state stays about the size it reached). */
  private reserve(): Buffer {
    const need = Math.max(Encoder.BUFFER_SIZE, this.bound());
    if (this.encoder.sharedBuffer.byteLength < need) this.encoder.sharedBuffer = Buffer.allocUnsafe(need);
    if (this.fullEncodeBuffer.byteLength < need) {
      const next = Buffer.allocUnsafe(need);
      next[0] = this.fullEncodeBuffer[0]!; // the ROOM_STATE protocol byte reset() wrote
      this.fullEncodeBuffer = next;
      this.needFullEncode = true;
    }
    return this.encoder.sharedBuffer;
  }
}

