"""Regenerate the golden text of the Amnis closing set: python -m tests.golden"""
from pathlib import Path

from generator.build import render_all
from generator.deal.load import load
from generator.deal.validate import validate
from generator.render.documents import closing_documents
from generator.render.environment import Renderer, search_path
from generator.render.markup import plain_text

HERE = Path(__file__).parent
deal = validate(load(HERE.parent.parent / "deal_data" / "amnis-2003.yaml"))
for doc in render_all(Renderer(search_path([])), closing_documents(deal), deal, draft=True):
    (HERE / f"{doc.spec.slug}.txt").write_text(plain_text(doc.blocks) + "\n", encoding="utf-8")
    print("wrote", doc.spec.slug)
