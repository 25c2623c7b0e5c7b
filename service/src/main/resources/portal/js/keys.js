// The onboarding key pair, made in the browser as `az connectedk8s connect` makes it on the user's machine:
// RSA-2048; the public key goes to Mooring as base64 PKCS#1 DER (agentPublicKeyCertificate), the private key
// is shown to the user once as a PKCS#1 PEM ("RSA PRIVATE KEY", what the agent reads) and never sent anywhere.

/** Reads one DER tag-length header at offset: {start of content, length}. */
function header(der, offset) {
  let length = der[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = (length << 8) | der[start + i];
    start += bytes;
  }
  return { start, length };
}

/** The contents of the SEQUENCE's child number `index` (0-based). */
function child(der, index) {
  let at = header(der, 0).start;
  for (let i = 0; i < index; i++) {
    const h = header(der, at);
    at = h.start + h.length;
  }
  const h = header(der, at);
  return der.subarray(h.start, h.start + h.length);
}

function base64(bytes) {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

function pem(label, bytes) {
  const lines = base64(bytes).match(/.{1,64}/g).join('\n');
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`;
}

export async function onboardingKeyPair() {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  // SubjectPublicKeyInfo ::= SEQUENCE { algorithm, BIT STRING (0 unused bits, then RSAPublicKey) }
  const publicKey = child(spki, 1).subarray(1);
  // PrivateKeyInfo ::= SEQUENCE { version, algorithm, OCTET STRING (RSAPrivateKey) }
  const privateKey = child(pkcs8, 2);
  return { agentPublicKeyCertificate: base64(publicKey), privateKeyPem: pem('RSA PRIVATE KEY', privateKey) };
}
