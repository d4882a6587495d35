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

  // The proof-of-work puzzle: find n in [0, max] with SHA-256(salt + n) = challenge (FIPS
  // 180-4). Written out here because crypto.subtle exists only on https pages, and written for
  // speed: salt + n always fits one 64-byte block, so each try hashes one block into preallocated
  // arrays and compares eight words, with no strings or arrays made per try. The faster the
  // honest reader, the harder the puzzle the site can set (docs/SECURITY.md).
  var K = new Int32Array([0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b,
    0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6,
    0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
    0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
    0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585,
    0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa,
    0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
  var H0 = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f,
    0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

  // A hasher of salt + decimal n for one salt (at most 45 ASCII characters, so one block).
  function PuzzleHasher(salt) {
    this.block = new Uint8Array(64);
    this.w = new Int32Array(64);
    this.h = new Int32Array(8);
    this.saltLength = salt.length;
    for (var i = 0; i < salt.length; i++) this.block[i] = salt.charCodeAt(i) & 0xff;
    this.digits = new Uint8Array(20);
  }
  // Hashes salt + n (n a whole number below 2^53) into this.h.
  PuzzleHasher.prototype.hash = function (n) {
    var block = this.block, w = this.w, h = this.h, digits = this.digits;
    var count = 0;
    do { digits[count++] = 48 + (n % 10); n = Math.floor(n / 10); } while (n > 0);
    var length = this.saltLength;
    while (count > 0) block[length++] = digits[--count];
    block[length] = 0x80;
    for (var z = length + 1; z < 60; z++) block[z] = 0;
    var bits = length * 8;
    block[60] = bits >>> 24; block[61] = (bits >>> 16) & 0xff;
    block[62] = (bits >>> 8) & 0xff; block[63] = bits & 0xff;
    var t;
    for (t = 0; t < 16; t++) {
      var o = t * 4;
      w[t] = (block[o] << 24) | (block[o + 1] << 16) | (block[o + 2] << 8) | block[o + 3];
    }
    for (t = 16; t < 64; t++) {
      var x = w[t - 15], y = w[t - 2];
      var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    var a = H0[0], b = H0[1], c = H0[2], d = H0[3], e = H0[4], f = H0[5], g = H0[6], k = H0[7];
    for (t = 0; t < 64; t++) {
      var t1 = (k + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
                ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
      var t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
                ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] = H0[0] + a; h[1] = H0[1] + b; h[2] = H0[2] + c; h[3] = H0[3] + d;
    h[4] = H0[4] + e; h[5] = H0[5] + f; h[6] = H0[6] + g; h[7] = H0[7] + k;
  };

  // The challenge's 64 hex characters as eight words, or null.
  function challengeWords(hex) {
    if (!/^[0-9a-f]{64}$/.test(hex)) return null;
    var words = new Int32Array(8);
    for (var i = 0; i < 8; i++) words[i] = parseInt(hex.substr(i * 8, 8), 16) | 0;
    return words;
  }

  // Finds n, a slice at a time so the page stays responsive; done(String(n)) or done(null).
  function solvePuzzle(salt, challenge, max, done) {
    var target = challengeWords(challenge);
    if (!target || salt.length > 45) { done(null); return; }
    var hasher = new PuzzleHasher(salt);
    var h = hasher.h;
    var n = 0;
    (function slice() {
      var stop = Math.min(max, n + 20000);
      for (; n <= stop; n++) {
        hasher.hash(n);
        if (h[0] === target[0] && h[1] === target[1] && h[2] === target[2] &&
            h[3] === target[3] && h[4] === target[4] && h[5] === target[5] &&
            h[6] === target[6] && h[7] === target[7]) {
          done(String(n));
          return;
        }
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
