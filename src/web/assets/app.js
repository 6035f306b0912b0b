// The only script of the web ticket area, and optional: every form works without it.
// It submits the language switch as soon as a language is picked, so its button can go.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
    var button = select.form && select.form.querySelector('.js-hide');
    if (button) button.hidden = true;
    select.addEventListener('change', function () { select.form.submit(); });
  });
});
