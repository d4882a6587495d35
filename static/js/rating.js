/* Broadsheet: "Rate this item" without a page load.
 *
 * Progressive enhancement of form.rating-form (templates/article.mustache). Without this
 * script the form posts and the server redirects back with ?rated=N; with it, the same POST is
 * sent with Accept: application/json and the answer {"average", "votes", "yours"} (or
 * {"error"}) updates the summary and the status line in place. No dependencies.
 */
(function () {
  'use strict';

  if (!window.fetch || !window.URLSearchParams || !window.FormData) return;

  function votesLabel(votes) {
    return '(' + votes.toLocaleString('en-US') + (votes === 1 ? ' vote)' : ' votes)');
  }

  function starsLabel(stars) {
    return stars + (stars === 1 ? ' star' : ' stars');
  }

  // The same wording the server renders: "Rated 4.2 out of 5 (17 votes)".
  function ratingText(average, votes) {
    if (!votes) return 'Not rated yet (0 votes)';
    return 'Rated ' + average.toFixed(1) + ' out of 5 ' + votesLabel(votes);
  }

  // stars-N: the average rounded to the nearest half star, times two (0..10).
  function starsStep(average) {
    var step = Math.round(average * 2);
    return Math.min(10, Math.max(0, step || 0));
  }

  function setStarsClass(element, step) {
    if (!element) return;
    var kept = element.className.split(/\s+/).filter(function (name) {
      return name && !/^stars-\d+$/.test(name);
    });
    kept.push('stars-' + step);
    element.className = kept.join(' ');
  }

  function enhance(form) {
    var section = form.closest('.rating') || form.parentNode;
    var text = section.querySelector('.rating-text');
    var stars = section.querySelector('.rating-summary .stars');
    var status = form.querySelector('.rating-status');
    var button = form.querySelector('[type="submit"]');
    var busy = false;

    function say(message) {
      if (status) status.textContent = message;
    }

    // aria-disabled rather than disabled: a disabled button drops keyboard focus to the page,
    // and a keyboard reader would have to find the form again. `busy` refuses a second submit.
    function setBusy(value) {
      busy = value;
      if (value) {
        form.setAttribute('aria-busy', 'true');
        if (button) button.setAttribute('aria-disabled', 'true');
      } else {
        form.removeAttribute('aria-busy');
        if (button) button.removeAttribute('aria-disabled');
      }
    }

    function showResult(data, chosen) {
      var average = Number(data.average);
      var votes = Number(data.votes);
      var yours = Number(data.yours) || chosen;
      if (!isFinite(average) || !isFinite(votes)) {
        say('Your rating was sent. Reload the page to see the new total.');
        return;
      }
      if (text) text.textContent = ratingText(average, votes);
      setStarsClass(stars, typeof data.stars === 'number' ? data.stars : starsStep(average));
      say('Thanks: you rated this ' + starsLabel(yours) + '.');
    }

    function done() {
      setBusy(false);
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (busy) return;
      var checked = form.querySelector('input[name="stars"]:checked');
      if (!checked) {
        say('Please choose from 1 to 5 stars first.');
        return;
      }
      var chosen = Number(checked.value);
      setBusy(true);
      say('Sending your rating\u2026');
      fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Accept': 'application/json',
          'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8'
        },
        body: new URLSearchParams(new FormData(form))
      }).then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, status: response.status, data: data };
        }, function () {
          return { ok: response.ok, status: response.status, data: null };
        });
      }).then(function (answer) {
        if (answer.ok && answer.data) {
          showResult(answer.data, chosen);
        } else if (answer.data && typeof answer.data.error === 'string') {
          say(answer.data.error);
        } else if (answer.ok) {
          say('Your rating was sent. Reload the page to see the new total.');
        } else {
          say('Sorry, your rating could not be saved (error ' + answer.status + '). ' +
              'Please try again later.');
        }
      }, function () {
        say('Your rating could not be sent: check your connection and try again.');
      }).then(done, done);
    });

    form.setAttribute('data-enhanced', '');
  }

  var forms = document.querySelectorAll('form.rating-form');
  for (var i = 0; i < forms.length; i++) enhance(forms[i]);
})();
