"""The figure build, in parts with one job each (``make figures``, ``pctstats figures``).

- :mod:`pctstats.publish.declare`: what a notebook declares, a figure
  (:func:`~pctstats.publish.declare.save_figure`) or a quoted number
  (:func:`~pctstats.publish.declare.quote_number`): the only module notebooks import;
- :mod:`pctstats.publish.records`: the declarations and the result of a build, as data;
- :mod:`pctstats.publish.channel`: how a notebook's kernel hands its declarations to the build
  (environment variables in, one JSON file out);
- :mod:`pctstats.publish.render`: a figure's reproducible bytes in each format;
- :mod:`pctstats.publish.execute`: executing the notebooks, each in a fresh kernel;
- :mod:`pctstats.publish.outputs`: numbers.json, numbers.tex, README.md and the manifest of the
  files the build owns, installed atomically;
- :mod:`pctstats.publish.run`: one build from start to end, and ``--check``.

The command line is ``pctstats figures`` (:mod:`pctstats.cli`).
"""

__all__: list[str] = []
