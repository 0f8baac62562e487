// SKM pages: the print button of the report, and the paper-questionnaire entry where the cursor
// runs through the nine answer digits by itself. Without this script both pages still work.
(function () {
    'use strict';
    var print = document.getElementById('skm-print');
    if (print) {
        print.addEventListener('click', function () { window.print(); });
    }
    var form = document.getElementById('skm-entry');
    if (!form) {
        return;
    }
    var digits = Array.prototype.slice.call(form.querySelectorAll('input.digit'));
    digits.forEach(function (input, i) {
        input.addEventListener('input', function () {
            var value = input.value.replace(/[^1-4]/g, '').slice(-1);
            input.value = value;
            if (value && i + 1 < digits.length) {
                digits[i + 1].focus();
                digits[i + 1].select();
            }
        });
        input.addEventListener('keydown', function (e) {
            if (e.key === 'Backspace' && !input.value && i > 0) {
                digits[i - 1].focus();
                digits[i - 1].value = '';
                e.preventDefault();
            }
        });
        input.addEventListener('focus', function () { input.select(); });
    });
    // A freshly saved questionnaire: start the next one at the first digit.
    var first = digits[0];
    if (first && !form.querySelector('[aria-invalid=true]')) {
        first.focus();
    }
})();
