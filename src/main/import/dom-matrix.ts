/**
 * The part of DOMMatrix that pdfjs-dist needs when it only extracts text. Its legacy build
 * runs `new DOMMatrix()` at load time, which Node lacks; pdfjs then borrows one from the
 * optional native package @napi-rs/canvas, which a packaged app cannot load from its asar
 * (and which may be absent). Everything else pdfjs does with matrices is canvas rendering,
 * which the import never does; this 2D affine matrix covers those calls too, so a stray one
 * computes rather than throws.
 */
type Init =
  ArrayLike<number> | { a: number; b: number; c: number; d: number; e: number; f: number };

export class MinimalDOMMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;

  constructor(init?: Init) {
    if (!init) return;
    if ('a' in init) {
      this.#set(init.a, init.b, init.c, init.d, init.e, init.f);
    } else if (init.length === 6) {
      this.#set(init[0]!, init[1]!, init[2]!, init[3]!, init[4]!, init[5]!);
    } else if (init.length === 16) {
      // A 4×4 matrix in column-major order: its 2D part.
      this.#set(init[0]!, init[1]!, init[4]!, init[5]!, init[12]!, init[13]!);
    } else {
      throw new TypeError('DOMMatrix: expected 6 or 16 numbers.');
    }
  }

  get is2D(): boolean {
    return true;
  }

  get isIdentity(): boolean {
    return (
      this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0
    );
  }

  #set(a: number, b: number, c: number, d: number, e: number, f: number): this {
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    this.e = e;
    this.f = f;
    return this;
  }

  /** this = this × other */
  multiplySelf(other: Init = [1, 0, 0, 1, 0, 0]): this {
    const m = new MinimalDOMMatrix(other);
    return this.#set(
      this.a * m.a + this.c * m.b,
      this.b * m.a + this.d * m.b,
      this.a * m.c + this.c * m.d,
      this.b * m.c + this.d * m.d,
      this.a * m.e + this.c * m.f + this.e,
      this.b * m.e + this.d * m.f + this.f,
    );
  }

  /** this = other × this */
  preMultiplySelf(other: Init): this {
    const product = new MinimalDOMMatrix(other).multiplySelf(this);
    return this.#set(product.a, product.b, product.c, product.d, product.e, product.f);
  }

  translateSelf(tx = 0, ty = 0): this {
    return this.multiplySelf([1, 0, 0, 1, tx, ty]);
  }

  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf([sx, 0, 0, sy, 0, 0]);
  }

  invertSelf(): this {
    const det = this.a * this.d - this.b * this.c;
    if (det === 0 || !Number.isFinite(det)) return this.#set(NaN, NaN, NaN, NaN, NaN, NaN);
    return this.#set(
      this.d / det,
      -this.b / det,
      -this.c / det,
      this.a / det,
      (this.c * this.f - this.d * this.e) / det,
      (this.b * this.e - this.a * this.f) / det,
    );
  }

  multiply(other: Init): MinimalDOMMatrix {
    return new MinimalDOMMatrix(this).multiplySelf(other);
  }

  translate(tx?: number, ty?: number): MinimalDOMMatrix {
    return new MinimalDOMMatrix(this).translateSelf(tx, ty);
  }

  scale(sx?: number, sy?: number): MinimalDOMMatrix {
    return new MinimalDOMMatrix(this).scaleSelf(sx, sy);
  }

  inverse(): MinimalDOMMatrix {
    return new MinimalDOMMatrix(this).invertSelf();
  }

  transformPoint(point: { x?: number; y?: number } = {}): { x: number; y: number } {
    const x = point.x ?? 0;
    const y = point.y ?? 0;
    return { x: this.a * x + this.c * y + this.e, y: this.b * x + this.d * y + this.f };
  }
}

/** Installs the minimal DOMMatrix where the runtime has none (Node, a worker thread). */
export function ensureDomMatrix(
  scope: { DOMMatrix?: unknown } = globalThis as { DOMMatrix?: unknown },
): void {
  scope.DOMMatrix ??= MinimalDOMMatrix;
}
