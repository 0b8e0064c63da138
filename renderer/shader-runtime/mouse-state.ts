/**
 * Shadertoy's iMouse: xy is the position while a button is held (kept after release), zw is
 * the click position; z is positive while the button is down and negative after release, w is
 * positive only on the first frame after the click. Coordinates are buffer pixels, origin
 * bottom-left.
 */

export class MouseState {
  private x = 0;
  private y = 0;
  private clickX = 0;
  private clickY = 0;
  private down = false;
  private clicked = false;

  press(x: number, y: number): void {
    this.x = x;
    this.y = y;
    this.clickX = x;
    this.clickY = y;
    this.down = true;
    this.clicked = true;
  }

  move(x: number, y: number): void {
    if (!this.down) return;
    this.x = x;
    this.y = y;
  }

  release(): void {
    this.down = false;
  }

  reset(): void {
    this.x = this.y = this.clickX = this.clickY = 0;
    this.down = this.clicked = false;
  }

  /** The vec4 for the next frame; consumes the one-frame click flag. */
  uniform(): [number, number, number, number] {
    const v: [number, number, number, number] = [this.x, this.y, this.down ? this.clickX : -this.clickX, this.clicked ? this.clickY : -this.clickY];
    this.clicked = false;
    return v;
  }
}
