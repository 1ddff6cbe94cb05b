#!/usr/bin/python3
"""Write model.xml: a tiny SBML L3V2 fixture for the population layer's tests.

Not biology: a toy that follows docs/model-conventions.md (expr_* factors multiply synthesis,
act_* multiply activities, fate species viable / dead_ferro / dead_apop, doubling_h) and has
closed-form checks:
  GPX4(t) = E + (1 - E) exp(-0.1 t) for expr_GPX4 = E (synthesis 0.1 E, degradation 0.1);
  viable grows at ln2/doubling_h * act_prolif, so an agent acting only on act_prolif gives
  treated/untreated = exp(-ln2/doubling_h * emax f t) in every cell, whatever the noise.
Run: /usr/bin/python3 make_model.py > model/ferroptosis_all.xml
     /usr/bin/python3 make_model.py blowup > blowup.xml   (k_blow = 1: viable' = viable^2 blows up
     at t = 1 h, so the solver fails: for the error paths)
"""
import re
import sys

PARAMS = [  # id, value
    ("doubling_h", 24), ("act_prolif", 1),
    ("expr_GPX4", 1), ("expr_SLC7A11", 1), ("expr_NFE2L2", 1), ("expr_AIFM2", 1),
    ("ksyn_GPX4", 0.1), ("kdeg_GPX4", 0.1), ("ksyn_SLC7A11", 0.1), ("kdeg_SLC7A11", 0.1),
    ("act_SLC7A11", 1), ("act_GPX4", 1), ("act_lox", 1),
    ("k_gsh", 0.2), ("kdeg_GSH", 0.2), ("fe_in", 0.1), ("k_lpo", 1), ("k_red", 1), ("k_fsp1", 0.5),
    ("k_ferro", 0.2), ("K_lpo", 1), ("k_apop", 0), ("k_blow", 1 if sys.argv[1:] == ["blowup"] else 0),
]
SPECIES = [("GPX4", 1), ("SLC7A11", 1), ("GSH", 1), ("LPO", 0), ("viable", 1), ("dead_ferro", 0), ("dead_apop", 0)]


def ci(x):
    return f"<ci>{x}</ci>"


def times(*a):
    return "<apply><times/>" + "".join(a) + "</apply>"


def divide(a, b):
    return f"<apply><divide/>{a}{b}</apply>"


def plus(*a):
    return "<apply><plus/>" + "".join(a) + "</apply>"


def power(a, n):
    return f"<apply><power/>{a}<cn type=\"integer\">{n}</cn></apply>"


LN2 = "<cn>0.6931471805599453</cn>"  # ln 2 as a number: scripts/model/preview.py reads + - * / ^ only
hill4 = divide(power(ci("LPO"), 4), plus(power(ci("LPO"), 4), power(ci("K_lpo"), 4)))
REACTIONS = [  # id, reactants, products, law
    ("syn_GPX4", [], ["GPX4"], times(ci("ksyn_GPX4"), ci("expr_GPX4"))),
    ("deg_GPX4", ["GPX4"], [], times(ci("kdeg_GPX4"), ci("GPX4"))),
    ("syn_SLC7A11", [], ["SLC7A11"], times(ci("ksyn_SLC7A11"), ci("expr_SLC7A11"), ci("expr_NFE2L2"))),
    ("deg_SLC7A11", ["SLC7A11"], [], times(ci("kdeg_SLC7A11"), ci("SLC7A11"))),
    ("syn_GSH", [], ["GSH"], times(ci("k_gsh"), ci("act_SLC7A11"), ci("SLC7A11"))),
    ("deg_GSH", ["GSH"], [], times(ci("kdeg_GSH"), ci("GSH"))),
    ("lpo_form", [], ["LPO"], times(ci("k_lpo"), ci("fe_in"), ci("act_lox"))),
    ("lpo_gpx4", ["LPO"], [], times(ci("k_red"), ci("act_GPX4"), ci("GPX4"), ci("GSH"), ci("LPO"))),
    ("lpo_fsp1", ["LPO"], [], times(ci("k_fsp1"), ci("expr_AIFM2"), ci("LPO"))),
    ("growth", [], ["viable"], times(divide(LN2, ci("doubling_h")), ci("act_prolif"), ci("viable"))),
    ("death_ferro", ["viable"], ["dead_ferro"], times(ci("k_ferro"), hill4, ci("viable"))),
    ("death_apop", ["viable"], ["dead_apop"], times(ci("k_apop"), ci("viable"))),
    ("blow", [], ["viable"], times(ci("k_blow"), power(ci("viable"), 2))),
]


def refs(tag, ids):
    if not ids:
        return ""
    inner = "".join(f'<speciesReference species="{s}" stoichiometry="1" constant="true"/>' for s in ids)
    return f"<{tag}>{inner}</{tag}>"


out = ['<?xml version="1.0" encoding="UTF-8"?>',
       '<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2">',
       '<model id="population_fixture" timeUnits="hour">',
       '<listOfUnitDefinitions><unitDefinition id="hour"><listOfUnits>'
       '<unit kind="second" exponent="1" scale="0" multiplier="3600"/></listOfUnits></unitDefinition>'
       '</listOfUnitDefinitions>',
       '<listOfCompartments><compartment id="cell" spatialDimensions="3" size="1" constant="true"/>'
       '</listOfCompartments>', '<listOfSpecies>']
for s, v in SPECIES:
    out.append(f'<species id="{s}" compartment="cell" initialConcentration="{v}" hasOnlySubstanceUnits="false" '
               'boundaryCondition="false" constant="false"/>')
out.append('</listOfSpecies><listOfParameters>')
for p, v in PARAMS:
    out.append(f'<parameter id="{p}" value="{v}" constant="true"/>')
out.append('</listOfParameters><listOfReactions>')
SPECIES_IDS = {s for s, _ in SPECIES}
for rid, rs, ps, law in REACTIONS:
    mods = sorted({x for x in re.findall(r"<ci>(\w+)</ci>", law) if x in SPECIES_IDS} - set(rs) - set(ps))
    modrefs = "".join(f'<modifierSpeciesReference species="{m}"/>' for m in mods)
    modlist = f"<listOfModifiers>{modrefs}</listOfModifiers>" if mods else ""
    out.append(f'<reaction id="{rid}" reversible="false">{refs("listOfReactants", rs)}{refs("listOfProducts", ps)}'
               f'{modlist}'
               f'<kineticLaw><math xmlns="http://www.w3.org/1998/Math/MathML">{law}</math></kineticLaw></reaction>')
out.append('</listOfReactions></model></sbml>')
print("\n".join(out))
