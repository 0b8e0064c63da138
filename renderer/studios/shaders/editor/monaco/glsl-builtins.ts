/** GLSL ES 3.00 vocabulary plus Shadertoy's uniforms: drives highlighting, completion and hovers. */

export const GLSL_KEYWORDS = [
  'const', 'uniform', 'in', 'out', 'inout', 'if', 'else', 'for', 'while', 'do', 'break', 'continue',
  'return', 'discard', 'struct', 'switch', 'case', 'default', 'true', 'false',
];

export const GLSL_QUALIFIERS = ['precision', 'highp', 'mediump', 'lowp', 'invariant', 'flat', 'smooth', 'centroid', 'layout'];

export const GLSL_TYPES = [
  'void', 'bool', 'int', 'uint', 'float',
  'vec2', 'vec3', 'vec4', 'bvec2', 'bvec3', 'bvec4', 'ivec2', 'ivec3', 'ivec4', 'uvec2', 'uvec3', 'uvec4',
  'mat2', 'mat3', 'mat4', 'mat2x2', 'mat2x3', 'mat2x4', 'mat3x2', 'mat3x3', 'mat3x4', 'mat4x2', 'mat4x3', 'mat4x4',
  'sampler2D', 'sampler3D', 'samplerCube', 'sampler2DArray', 'sampler2DShadow', 'isampler2D', 'usampler2D',
];

export interface GlslSymbol {
  name: string;
  /** Shown as the completion detail and the hover's code line. */
  signature: string;
  doc: string;
  /** Monaco snippet inserted on completion; defaults to the name. */
  snippet?: string;
}

export const SHADERTOY_UNIFORMS: GlslSymbol[] = [
  { name: 'iResolution', signature: 'uniform vec3 iResolution', doc: 'Viewport resolution in pixels (z is the pixel aspect ratio, usually 1).' },
  { name: 'iTime', signature: 'uniform float iTime', doc: 'Playback time in seconds.' },
  { name: 'iTimeDelta', signature: 'uniform float iTimeDelta', doc: 'Time the last frame took, in seconds.' },
  { name: 'iFrame', signature: 'uniform int iFrame', doc: 'Frame number since the last restart (0 on the first frame).' },
  { name: 'iFrameRate', signature: 'uniform float iFrameRate', doc: 'Frames per second the preview is running at.' },
  { name: 'iMouse', signature: 'uniform vec4 iMouse', doc: 'xy: pointer position while pressed; zw: click position (negative when released).' },
  { name: 'iDate', signature: 'uniform vec4 iDate', doc: 'Year, month (0-based), day and seconds since midnight.' },
  { name: 'iChannelResolution', signature: 'uniform vec3 iChannelResolution[4]', doc: 'Resolution of each iChannel input in pixels.' },
  ...[0, 1, 2, 3].map((n) => ({
    name: `iChannel${n}`,
    signature: `uniform sampler2D iChannel${n}`,
    doc: `Input ${n}: a buffer (A–D, its own previous frame when it reads itself) or a shipped texture, chosen under the editor.`,
  })),
  { name: 'fragColor', signature: 'out vec4 fragColor', doc: 'The colour this pixel ends up with (mainImage parameter).' },
  { name: 'fragCoord', signature: 'in vec2 fragCoord', doc: 'Pixel centre in window coordinates, (0.5, 0.5) at the bottom left.' },
];

const f = (name: string, params: string[], ret: string, doc: string): GlslSymbol => ({
  name,
  signature: `${ret} ${name}(${params.join(', ')})`,
  doc,
  snippet: `${name}(${params.map((p, i) => `\${${i + 1}:${p.split(' ').pop()}}`).join(', ')})`,
});

export const GLSL_FUNCTIONS: GlslSymbol[] = [
  f('radians', ['genType degrees'], 'genType', 'Degrees to radians.'),
  f('degrees', ['genType radians'], 'genType', 'Radians to degrees.'),
  f('sin', ['genType angle'], 'genType', 'Sine.'),
  f('cos', ['genType angle'], 'genType', 'Cosine.'),
  f('tan', ['genType angle'], 'genType', 'Tangent.'),
  f('asin', ['genType x'], 'genType', 'Arc sine.'),
  f('acos', ['genType x'], 'genType', 'Arc cosine.'),
  f('atan', ['genType y', 'genType x'], 'genType', 'Arc tangent of y/x, using the signs to pick the quadrant.'),
  f('sinh', ['genType x'], 'genType', 'Hyperbolic sine.'),
  f('cosh', ['genType x'], 'genType', 'Hyperbolic cosine.'),
  f('tanh', ['genType x'], 'genType', 'Hyperbolic tangent.'),
  f('pow', ['genType x', 'genType y'], 'genType', 'x raised to y (undefined for x < 0).'),
  f('exp', ['genType x'], 'genType', 'Natural exponent.'),
  f('log', ['genType x'], 'genType', 'Natural logarithm.'),
  f('exp2', ['genType x'], 'genType', '2 raised to x.'),
  f('log2', ['genType x'], 'genType', 'Base-2 logarithm.'),
  f('sqrt', ['genType x'], 'genType', 'Square root.'),
  f('inversesqrt', ['genType x'], 'genType', '1 / sqrt(x).'),
  f('abs', ['genType x'], 'genType', 'Absolute value.'),
  f('sign', ['genType x'], 'genType', '-1, 0 or 1.'),
  f('floor', ['genType x'], 'genType', 'Largest integer not greater than x.'),
  f('ceil', ['genType x'], 'genType', 'Smallest integer not less than x.'),
  f('fract', ['genType x'], 'genType', 'x - floor(x).'),
  f('round', ['genType x'], 'genType', 'Nearest integer.'),
  f('trunc', ['genType x'], 'genType', 'Integer part, towards zero.'),
  f('mod', ['genType x', 'genType y'], 'genType', 'x - y * floor(x / y).'),
  f('min', ['genType x', 'genType y'], 'genType', 'Smaller of x and y.'),
  f('max', ['genType x', 'genType y'], 'genType', 'Larger of x and y.'),
  f('clamp', ['genType x', 'genType minVal', 'genType maxVal'], 'genType', 'min(max(x, minVal), maxVal).'),
  f('mix', ['genType x', 'genType y', 'genType a'], 'genType', 'Linear blend: x * (1 - a) + y * a.'),
  f('step', ['genType edge', 'genType x'], 'genType', '0 when x < edge, else 1.'),
  f('smoothstep', ['genType edge0', 'genType edge1', 'genType x'], 'genType', 'Hermite interpolation between 0 and 1 as x goes from edge0 to edge1.'),
  f('isnan', ['genType x'], 'genBType', 'True where x is NaN.'),
  f('isinf', ['genType x'], 'genBType', 'True where x is infinite.'),
  f('length', ['genType x'], 'float', 'Euclidean length.'),
  f('distance', ['genType p0', 'genType p1'], 'float', 'length(p0 - p1).'),
  f('dot', ['genType x', 'genType y'], 'float', 'Dot product.'),
  f('cross', ['vec3 x', 'vec3 y'], 'vec3', 'Cross product.'),
  f('normalize', ['genType x'], 'genType', 'Unit vector in the direction of x.'),
  f('faceforward', ['genType N', 'genType I', 'genType Nref'], 'genType', 'N if dot(Nref, I) < 0, else -N.'),
  f('reflect', ['genType I', 'genType N'], 'genType', 'Reflection direction: I - 2 * dot(N, I) * N.'),
  f('refract', ['genType I', 'genType N', 'float eta'], 'genType', 'Refraction direction for ratio eta.'),
  f('matrixCompMult', ['mat x', 'mat y'], 'mat', 'Component-wise matrix product.'),
  f('outerProduct', ['vec c', 'vec r'], 'mat', 'Outer product.'),
  f('transpose', ['mat m'], 'mat', 'Transposed matrix.'),
  f('determinant', ['mat m'], 'float', 'Determinant.'),
  f('inverse', ['mat m'], 'mat', 'Inverse matrix.'),
  f('lessThan', ['vec x', 'vec y'], 'bvec', 'Component-wise x < y.'),
  f('greaterThan', ['vec x', 'vec y'], 'bvec', 'Component-wise x > y.'),
  f('equal', ['vec x', 'vec y'], 'bvec', 'Component-wise x == y.'),
  f('any', ['bvec x'], 'bool', 'True if any component is true.'),
  f('all', ['bvec x'], 'bool', 'True if every component is true.'),
  f('not', ['bvec x'], 'bvec', 'Component-wise logical not.'),
  f('texture', ['sampler2D sampler', 'vec2 uv'], 'vec4', 'Sample a texture at normalised coordinates.'),
  f('textureLod', ['sampler2D sampler', 'vec2 uv', 'float lod'], 'vec4', 'Sample an explicit mip level.'),
  f('texelFetch', ['sampler2D sampler', 'ivec2 p', 'int lod'], 'vec4', 'Read one texel by integer coordinates (no filtering).'),
  f('textureSize', ['sampler2D sampler', 'int lod'], 'ivec2', 'Size of a mip level in texels.'),
  f('textureGrad', ['sampler2D sampler', 'vec2 uv', 'vec2 dPdx', 'vec2 dPdy'], 'vec4', 'Sample with explicit derivatives.'),
  f('dFdx', ['genType p'], 'genType', 'Screen-space derivative along x.'),
  f('dFdy', ['genType p'], 'genType', 'Screen-space derivative along y.'),
  f('fwidth', ['genType p'], 'genType', 'abs(dFdx(p)) + abs(dFdy(p)).'),
  f('floatBitsToInt', ['genType v'], 'genIType', 'The bits of a float as an int.'),
  f('intBitsToFloat', ['genIType v'], 'genType', 'The bits of an int as a float.'),
  f('packUnorm2x16', ['vec2 v'], 'uint', 'Pack two 0..1 floats into one uint.'),
  f('unpackUnorm2x16', ['uint p'], 'vec2', 'Unpack two 0..1 floats from one uint.'),
];

/** Whole-function templates offered at the start of a line. */
export const GLSL_SNIPPETS: Array<{ label: string; doc: string; body: string }> = [
  {
    label: 'mainImage',
    doc: 'Shadertoy entry point of every pass.',
    body: 'void mainImage(out vec4 fragColor, in vec2 fragCoord)\n{\n\tvec2 uv = fragCoord / iResolution.xy;\n\t$0\n\tfragColor = vec4(uv, 0.5 + 0.5 * sin(iTime), 1.0);\n}',
  },
  {
    label: 'uv-centered',
    doc: 'Aspect-correct coordinates, origin at the centre, y from -1 to 1.',
    body: 'vec2 uv = (2.0 * fragCoord - iResolution.xy) / iResolution.y;$0',
  },
  {
    label: 'rot2d',
    doc: '2D rotation matrix.',
    body: 'mat2 rot(float a) { float c = cos(a), s = sin(a); return mat2(c, -s, s, c); }$0',
  },
  {
    label: 'palette',
    doc: 'Cosine colour palette (Íñigo Quílez).',
    body: 'vec3 palette(float t) {\n\tvec3 a = vec3(0.5), b = vec3(0.5), c = vec3(1.0), d = vec3(${1:0.0, 0.33, 0.67});\n\treturn a + b * cos(6.28318 * (c * t + d));\n}$0',
  },
  {
    label: 'sdSphere',
    doc: 'Signed distance to a sphere.',
    body: 'float sdSphere(vec3 p, float r) { return length(p) - r; }$0',
  },
];
