/** Standard base64 of bytes (RFC 4648), without `Buffer`: portable to every runtime. */
export function toBase64(bytes: Uint8Array): string {
  let out = ''
  const CHUNK = 0x8000
  for (let i = 0; i < bytes.length; i += CHUNK) out += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  return btoa(out)
}
