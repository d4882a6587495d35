// The back office's one script. First, a live preview of the article body, rendered by the server
// with the same Markdown renderer as the site. Without it the Preview button does the same.
'use strict';

(function () {
  const form = document.getElementById('editor');
  if (!form) return;
  const body = form.querySelector('textarea[data-preview]');
  const target = body && document.getElementById(body.dataset.preview);
  if (!body || !target) return;

  let timer = 0;
  let sent = 0;  // only the newest answer is shown
  async function refresh() {
    const ticket = ++sent;
    const fields = new URLSearchParams();
    fields.set('csrf', form.elements.csrf.value);
    fields.set('body', body.value);
    try {
      const answer = await fetch('/admin/preview', {
        method: 'POST',
        headers: {'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded'},
        body: fields.toString(),
        credentials: 'same-origin',
      });
      if (!answer.ok || ticket !== sent) return;
      const rendered = await answer.json();
      // Safe HTML: the server's Markdown renderer never passes raw HTML through.
      target.innerHTML = rendered.html;
    } catch (error) {
      // Offline or signed out: the Preview button still works.
    }
  }
  body.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  if (!target.innerHTML.trim()) refresh();
})();

// The picture picker: an Insert button beside each picture's Markdown puts it into the body at
// the cursor. Without script the Markdown is there to copy.
(function () {
  const body = document.getElementById('article-body');
  const list = document.querySelector('.picker-list');
  if (!body || !list) return;
  for (const code of list.querySelectorAll('.picker-markdown')) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Insert';
    button.addEventListener('click', () => {
      const at = body.selectionStart ?? body.value.length;
      const text = '\n\n' + code.textContent + '\n\n';
      body.value = body.value.slice(0, at) + text + body.value.slice(body.selectionEnd ?? at);
      body.dispatchEvent(new Event('input'));
      body.focus();
    });
    code.after(' ', button);
  }
})();

// Choosing a featured picture offers its uploader's description as the alt text, when none
// was typed yet.
(function () {
  const select = document.getElementById('article-featured');
  const alt = document.getElementById('article-featured-alt');
  if (!select || !alt) return;
  select.addEventListener('change', () => {
    const offered = select.selectedOptions[0] && select.selectedOptions[0].dataset.alt;
    if (!alt.value.trim() && offered) alt.value = offered;
  });
})();
