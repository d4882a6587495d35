/* Broadsheet: the comment form on the (cached) article page.
 *
 * Without this script readers follow "Add comment" to a page that carries the form and an
 * image security code. With it, the form is shown in place, fetches its own security code from
 * /captcha/new (an image, or a proof-of-work puzzle it solves in the background), posts with
 * fetch, and shows each error next to its field. No dependencies.
 */
(function () {
  'use strict';
  if (!window.fetch || !window.URLSearchParams || !window.FormData) return;

  // SHA-256 of an ASCII string, as hex (FIPS 180-4). Used only for the proof-of-work puzzle;
  // written out here because crypto.subtle exists only on https pages.
  var K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2];
  function sha256Hex(text) {
    var bytes = [];
    for (var i = 0; i < text.length; i++) bytes.push(text.charCodeAt(i) & 0xff);
    var bitLength = bytes.length * 8;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) bytes.push(0);
    for (var s = 56; s >= 0; s -= 8) bytes.push(s >= 32 ? 0 : (bitLength >>> s) & 0xff);
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c,
      0x1f83d9ab, 0x5be0cd19];
    var w = new Array(64);
    function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }
    for (var block = 0; block < bytes.length; block += 64) {
      for (var t = 0; t < 16; t++) {
        var o = block + t * 4;
        w[t] = (bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3];
      }
      for (t = 16; t < 64; t++) {
        var s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
        var s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 64; t++) {
        var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
    }
    return h.map(function (x) { return ('00000000' + (x >>> 0).toString(16)).slice(-8); }).join('');
  }

  // Finds n in [0, max] with SHA-256(salt + n) = challenge, a slice at a time so the page stays
  // responsive.
  function solvePuzzle(salt, challenge, max, done) {
    var n = 0;
    (function slice() {
      var stop = Math.min(max, n + 2000);
      for (; n <= stop; n++) {
        if (sha256Hex(salt + n) === challenge) { done(String(n)); return; }
      }
      if (n > max) { done(null); return; }
      setTimeout(slice, 0);
    })();
  }

  function field(form, name) { return form.querySelector('[name="' + name + '"]'); }

  function loadChallenge(form) {
    var imageBox = form.querySelector('.captcha-image');
    var powNote = form.querySelector('.captcha-pow');
    var answer = field(form, 'captcha_answer');
    form.dataset.ready = '';
    return fetch(form.getAttribute('data-captcha-url'), {
      headers: { 'Accept': 'application/json' }, credentials: 'same-origin'
    }).then(function (response) { return response.json(); }).then(function (challenge) {
      field(form, 'captcha_token').value = challenge.token;
      answer.value = '';
      if (challenge.kind === 'pow') {
        imageBox.hidden = true;
        powNote.hidden = false;
        solvePuzzle(challenge.salt, challenge.challenge, challenge.max_number, function (n) {
          answer.value = n === null ? '' : n;
          powNote.textContent = n === null ? 'The check failed; please reload the page.'
                                           : 'Check complete.';
          form.dataset.ready = 'true';
        });
      } else {
        powNote.hidden = true;
        imageBox.hidden = false;
        imageBox.querySelector('img').src = challenge.image_url;
        imageBox.querySelector('a.captcha-audio').href = challenge.audio_url;
        form.dataset.ready = 'true';
      }
    });
  }

  function showErrors(form, errors) {
    // Clear every earlier mark first, so a field fixed since shows no stale error.
    form.querySelectorAll('.field-error').forEach(function (node) { node.remove(); });
    form.querySelectorAll('[aria-invalid]').forEach(function (input) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    });
    var status = form.querySelector('.comment-status');
    status.textContent = '';
    var messages = [];
    Object.keys(errors).forEach(function (name) {
      var input = field(form, name === 'captcha' ? 'captcha_answer' : name);
      // The puzzle has no visible input: its errors go to the status line like the form's.
      var visible = input && !input.closest('[hidden]');
      if (name === 'form' || !visible) { messages.push(errors[name]); return; }
      var note = document.createElement('span');
      note.className = 'field-error js';
      note.id = 'js-error-' + name;
      note.textContent = errors[name];
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', note.id);
      input.parentNode.appendChild(note);
    });
    status.textContent = messages.join(' ');
  }

  document.querySelectorAll('.comment-form-js').forEach(function (box) {
    var form = box.querySelector('form.comment-form');
    if (!form) return;
    box.hidden = false;
    var link = document.querySelector('.comment-add');
    if (link) link.hidden = true;
    loadChallenge(form);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var status = form.querySelector('.comment-status');
      if (form.dataset.ready !== 'true') { status.textContent = 'One moment: the security check is still running.'; return; }
      status.textContent = 'Sending…';
      fetch(form.action, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(new FormData(form))
      }).then(function (response) {
        return response.json().then(function (body) { return { status: response.status, body: body }; });
      }).then(function (answer) {
        if (answer.status === 201) {
          var where = answer.body.status === 'published' ? String(answer.body.id) : 'held';
          window.location.assign(window.location.pathname + '?commented=' + where + '#comments');
          return;
        }
        showErrors(form, answer.body.errors || { form: answer.body.error || 'The comment was not posted.' });
        loadChallenge(form);
      }).catch(function () {
        status.textContent = 'The comment could not be sent: please check your connection.';
      });
    });
  });
})();
