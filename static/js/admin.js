// The back office's one script: a live preview of the article body, rendered by the server
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
