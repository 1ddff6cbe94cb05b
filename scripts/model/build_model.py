#!/usr/bin/python3
"""build_model.py — generate the ferrosim ALL ferroptosis model (SBML Level 3 Version 2).

Writes data/model/ferroptosis_all.xml, data/model/parameters.tsv and data/model/species.tsv
from the definitions below (the single source of truth for the model's structure).

    /usr/bin/python3 scripts/model/build_model.py [--out DIR]

Conventions (docs/model-conventions.md): time in hours, concentrations in uM unless a species'
unit says "dimensionless" (relative level, 1 = the reference cell at steady state). Every gene
product has an expression factor expr_<GENE> (default 1) that multiplies its synthesis; every
druggable activity an activity factor act_<X> (default 1). Rate laws are written below as Python
expressions and converted to MathML (the ast module parses them; only + - * / ** and names /
numbers are allowed, so the MathML uses plus, minus, times, divide and power only).

Shorthands used in the rate laws (expanded into plain arithmetic before conversion):
  H(x, K) = x*(1+K)/(x+K)   normalised activation: 1 at x = 1, tends to 1+K for large x, 0 at 0
  R(x, K) = (1+K)/(x+K)     normalised repression: 1 at x = 1, (1+K)/K at x = 0, 0 for large x
  W(x, w) = (1-w) + w*x     partial dependence: a fraction w of the process scales with x
x is a relative level (1 = reference) and K a dimensionless constant relative to that reference.
"""
import argparse
import ast
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

SBML_NS = "http://www.sbml.org/sbml/level3/version2/core"
MATHML_NS = "http://www.w3.org/1998/Math/MathML"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SBML_UNITS_NS = "http://www.sbml.org/sbml/level3/version2/core"

ASSUMED = "assumed, order of magnitude: "
REF = "reference steady state (derived): "

# ----------------------------------------------------------------------------------------------
# Parameters: id -> (value, unit, description, source)
# ----------------------------------------------------------------------------------------------
P = {}


def par(pid, value, unit, desc, source):
    if pid in P:
        raise SystemExit("duplicate parameter " + pid)
    P[pid] = (float(value), unit, desc, source)


# Genes whose products the model represents: symbol -> description. Each gets expr_<symbol>.
GENES = {}


def gene(sym, desc):
    GENES[sym] = desc
    par("expr_" + sym, 1, "dimensionless",
        "expression factor of %s (multiplies its synthesis; cell-line profiles, --set and "
        "population noise act here)" % sym, "convention (docs/model-conventions.md)")


def tx(name, desc):
    par("tx_" + name, 1, "dimensionless", "transcriptional modulation of %s by agents (multiplies its synthesis; "
        "agents act here, never on expr_*, so that expr_* describes only the cell)" % name,
        "convention (docs/model-conventions.md)")


def act(name, desc):
    par("act_" + name, 1, "dimensionless", "activity factor: " + desc,
        "convention (docs/model-conventions.md)")


# ---- proliferation and fates -------------------------------------------------------------
par("doubling_h", 30, "hour", "doubling time of the untreated line (set from data/cells.tsv)",
    "DSMZ / ATCC catalogue data: ALL lines double in about 1-2 days")
par("k_ferro_max", 0.3, "per_hour",
    "maximal ferroptotic death hazard once lipid peroxidation has run away",
    ASSUMED + "ferroptotic cells lose membrane integrity within hours of the lipid-peroxide burst "
    "(Dixon 2012, PMID 22632970; live imaging of waves of ferroptosis)")
par("K_ferro", 0.01, "dimensionless",
    "PLOOH level (fraction of membrane PUFA-PE) at half-maximal ferroptotic hazard (~15x basal)",
    ASSUMED + "oxidised PE species rise by one to two orders of magnitude in ferroptosis "
    "(Kagan 2017, PMID 27842070)")
par("n_ferro", 4, "dimensionless", "steepness of the ferroptotic hazard in PLOOH",
    ASSUMED + "membrane rupture is a switch once peroxidised lipids exceed repair")
par("k_apop_max", 0.2, "per_hour", "maximal apoptotic hazard",
    ASSUMED + "apoptosis executes within ~3-5 h of commitment")
par("K_apop", 3, "dimensionless", "apoptotic drive at half-maximal hazard (the reference cell's drive is 1)",
    ASSUMED + "set so that the untreated reference cell has < 0.05 %/h basal apoptosis")
par("n_apop", 6, "dimensionless", "steepness of the apoptotic hazard", ASSUMED + "MOMP is switch-like")
par("w_apop_p53", 0.3, "dimensionless", "weight of p53 (PUMA/NOXA) in the apoptotic drive", ASSUMED + "relative weights of the apoptotic inputs")
par("w_apop_dna", 0.4, "dimensionless", "weight of unrepaired DNA damage in the apoptotic drive", ASSUMED + "relative weights of the apoptotic inputs")
par("w_apop_chop", 0.3, "dimensionless", "weight of CHOP (BIM, DR5) in the apoptotic drive", ASSUMED + "relative weights of the apoptotic inputs")
par("w_apop_asn", 0.5, "dimensionless", "weight of asparagine depletion in the apoptotic drive", ASSUMED + "L-asparaginase kills ALL blasts by amino-acid starvation")
par("gc_signal", 0, "dimensionless", "glucocorticoid receptor signal (BIM induction); dexamethasone adds", "agent input (default 0)")
par("asn_depletion", 0, "dimensionless", "extracellular asparagine depletion; L-asparaginase adds", "agent input (default 0)")
par("mitotic_block", 0, "dimensionless", "mitotic arrest (PLK1 inhibition); volasertib adds", "agent input (default 0)")
par("K_g_mtor", 0.2, "dimensionless", "mTORC1 activity dependence of growth", ASSUMED + "growth scales sub-linearly with mTORC1 activity")
par("K_g_gly", 0.2, "dimensionless", "glycolytic (ATP/biomass) dependence of growth", ASSUMED + "leukemic blasts are glycolytic")
par("K_g_fe", 0.1, "dimensionless", "labile iron (ribonucleotide reductase) dependence of growth, relative to the reference pool", ASSUMED + "iron chelation arrests S phase (RNR is iron-dependent)")
par("K_g_dhodh", 0.2, "dimensionless", "DHODH (pyrimidine synthesis) dependence of growth", ASSUMED + "brequinar is cytostatic through pyrimidine depletion")
par("K_g_p53", 2, "dimensionless", "p53 (p21) growth repression constant", ASSUMED + "p53 arrests the cell cycle via p21")
par("K_g_dna", 4, "dimensionless", "DNA-damage checkpoint growth repression constant", ASSUMED + "checkpoint arrest")
par("w_g_erk", 0.3, "dimensionless", "fraction of growth that is ERK-dependent", ASSUMED + "MEK inhibitors are only partly cytostatic in T-ALL lines")

# ---- iron ------------------------------------------------------------------------------
for g, d in [("TFRC", "transferrin receptor 1 (CD71): transferrin-iron uptake"),
             ("FTH1", "ferritin heavy chain: iron storage"),
             ("NCOA4", "ferritinophagy cargo receptor"),
             ("SLC40A1", "ferroportin: iron export"),
             ("LCN2", "lipocalin-2: siderophore-mediated iron efflux"),
             ("MYB", "MYB transcription factor (activates FTH1)")]:
    gene(g, d)
act("TFRC", "transferrin-iron uptake by TFRC")
par("tf_fe", 1, "dimensionless", "transferrin-bound iron in the medium, relative to 10% FBS", "convention: 1 = standard culture medium")
par("k_fe_up", 1.4, "uM_per_hour", "TF-TFRC iron uptake rate of the reference cell",
    ASSUMED + "labile pool ~1 uM turning over in about an hour (Kakhlon & Cabantchik 2002, PMID 12034472)")
par("fe_input", 0, "uM_per_hour", "non-transferrin-bound iron input; ferric ammonium citrate adds", "agent input (default 0)")
par("k_fe_store", 2.0, "per_hour", "iron incorporation into ferritin per FTH1 level", ASSUMED + "ferritin takes up iron within about an hour")
par("kd_ft", 0.02, "per_hour", "basal (proteasomal/lysosomal) ferritin turnover", ASSUMED + "ferritin half-life ~1-2 days without autophagy")
par("k_fp", 0.05, "per_hour", "NCOA4-mediated ferritinophagy per NCOA4 and autophagy flux", "Mancias 2014, PMID 24695223 (NCOA4 required for ferritin degradation); rate assumed")
par("k_fe_exp", 0.3, "per_hour", "ferroportin iron export per SLC40A1 level", ASSUMED + "lymphoid cells export little iron")
par("k_lcn2", 0.6, "per_hour", "LCN2-mediated iron efflux per LCN2 level", "Chaudhary 2021, PMID 34146401 (LCN2 lowers intracellular iron and suppresses ferroptosis); rate assumed")
par("k_chel", 0, "per_hour", "chelation of labile iron; deferoxamine adds", "agent input (default 0)")
par("k_mito_in", 0.5, "per_hour", "mitoferrin import of labile iron into mitochondria", ASSUMED + "most iron entering erythroid/lymphoid cells goes to mitochondria")
par("k_fe_use", 0.05, "per_hour", "mitochondrial iron use (heme, Fe-S) and dilution", ASSUMED + "mitochondrial iron ~5-10 uM equivalent")
par("k_mitophagy", 0.05, "per_hour", "mitophagic release of mitochondrial iron per autophagy flux", "review ref (39): mitophagy releases mitochondrial Fe2+ into the cytosol; rate assumed: mitochondrial half-life ~1 day")
par("fe_mito_ref", 8, "uM", "mitochondrial iron of the reference cell (normaliser)", REF + "steady state of the reference cell")
par("fe_ref", 1, "uM", "labile iron of the reference cell (normaliser)", REF + "steady state of the reference cell; labile iron pools are ~0.5-1.5 uM (Kakhlon & Cabantchik 2002, PMID 12034472)")
par("K_irp", 3, "dimensionless", "IRP/IRE control of TFRC by labile iron", ASSUMED + "TFRC mRNA stabilised when iron is low (IRP1/2)")
par("K_ire_ft", 3, "dimensionless", "IRP/IRE control of ferritin translation by labile iron", ASSUMED + "ferritin translation rises with iron")
par("K_myb", 1, "dimensionless", "MYB activation of FTH1 transcription", "review ref (48): MYB up-regulates FTH1; constant assumed")
par("K_herc2", 2, "dimensionless", "iron-dependent NCOA4 degradation (HERC2)", "Mancias 2015 eLife, doi 10.7554/eLife.10308; constant assumed")
par("kd_prot", 0.1, "per_hour", "turnover of proteins with ~7 h half-life", ASSUMED + "typical regulated protein half-life 4-10 h")
par("kd_fast", 0.5, "per_hour", "turnover of short-lived proteins / active states (~1.4 h)", ASSUMED + "signalling states relax within hours")
par("kd_slow", 0.02, "per_hour", "turnover of long-lived proteins (~17 h)", ASSUMED + "long-lived enzymes")
par("w_mtor_tfrc", 0.3, "dimensionless", "fraction of TFRC expression supported by mTORC1", "Bayeva 2012 Cell Metab, doi 10.1016/j.cmet.2012.10.011; constant assumed")

# ---- lipids ----------------------------------------------------------------------------
for g, d in [("ACSL4", "acyl-CoA synthetase long-chain 4: PUFA activation"),
             ("LPCAT3", "lysophosphatidylcholine acyltransferase 3: PUFA esterification into PE"),
             ("ALOX15", "15-lipoxygenase (stands for the 12/15-LOX family)")]:
    gene(g, d)
act("ACSL4", "PUFA-CoA synthesis by ACSL4")
act("ALOX15", "lipoxygenase catalysis (baicalein, NDGA inhibit)")
par("k_pufa", 0.1, "per_hour", "PUFA-PE synthesis (ACSL4 x LPCAT3) of the reference cell", REF + "equals the remodelling rate so that PUFA_PE = 1")
par("k_pufa_turn", 0.1, "per_hour", "remodelling of PUFA-PE (Lands cycle)", ASSUMED + "membrane phospholipid acyl chains turn over over hours")
par("k_lox", 0.03, "per_hour", "maximal PUFA-PE oxygenation by ALOX15 (per ALOX15 level)", ASSUMED + "LOX makes a small fraction of PE hydroperoxide per hour")
par("K_lox_fe", 1, "dimensionless", "labile-iron loading of lipoxygenase (catalytic non-heme iron)",
    ASSUMED + "LOX activity needs its catalytic iron; iron chelators lower cellular LOX activity")
par("lox_tone0", 0.01, "dimensionless", "peroxide-independent fraction of LOX activity", ASSUMED + "LOX needs a hydroperoxide activator ('peroxide tone')")
par("K_tone", 0.005, "dimensionless", "PLOOH level half-activating LOX (peroxide tone) per unit of radical-trapping/reducing capacity",
    "Kuhn 2015 Biochim Biophys Acta, doi 10.1016/j.bbalip.2014.10.002 (LOX needs a hydroperoxide 'peroxide tone' that reductants oppose); "
    "Anthonymuthu 2021 Redox Biol, doi 10.1016/j.redox.2020.101744 (ferrostatin-1 suppresses 15-LOX/PEBP1 peroxidation); constant assumed")
par("w_p38_lox", 0.3, "dimensionless", "fraction of LOX activity driven by p38/MK2 phosphorylation", "Werz 2000 PNAS, doi 10.1073/pnas.97.10.5261 (MK2 phosphorylates 5-LOX); review ref (53): p38 is pro-ferroptotic")
par("k_fenton", 0.001, "per_uM_per_hour", "hydroxyl-radical (Fenton) initiation of PUFA-PE oxidation per labile Fe and ROS", ASSUMED + "Fenton initiation is slow at basal H2O2 and iron")
par("endoperoxide", 0, "per_uM_per_hour", "iron-activated endoperoxide initiation (artemisinins); DHA adds", "agent input (default 0)")
par("k_branch", 1.0, "per_uM_per_hour", "Fe2+-catalysed decomposition of PLOOH to alkoxyl radicals (chain branching)", ASSUMED + "Fe2+ + LOOH -> LO* is fast for labile iron (Conrad & Pratt 2019, doi 10.1038/s41589-019-0408-1)")
par("k_prop", 240, "per_hour", "propagation LOO* + PUFA-PE -> PLOOH + L* (per PUFA_PE)", ASSUMED + "kp ~ 10^2 M^-1 s^-1 at membrane PUFA concentrations; set so that the chain length is ~1.1 in FSP1-silenced ALL cells")
par("k_rta", 100, "per_hour", "radical trapping by antioxidants (per unit of trapping capacity)", ASSUMED + "kinh ~ 10^5-10^6 M^-1 s^-1 (Zilka 2017, doi 10.1021/acscentsci.7b00028)")
par("k_tt", 10000, "per_hour", "LOO* self-termination (Russell)", ASSUMED + "bounds the radical pool at high peroxidation")
par("k_plooh_turn", 0.5, "per_hour", "GPX4-independent PLOOH removal (PLA2G6 excision, other peroxidases)", ASSUMED + "minor compared with GPX4")
par("vitE_mem", 1.0, "dimensionless", "membrane alpha-tocopherol trapping capacity (medium-derived)", ASSUMED + "serum supplies a basal amount of vitamin E")
par("rta_ext", 0, "dimensionless", "trapping capacity of exogenous radical-trapping antioxidants (Fer-1, Lip-1, vitamin E, baicalein, NDGA add)", "agent input (default 0)")

# ---- antioxidant systems ---------------------------------------------------------------
for g, d in [("SLC7A11", "xCT, the light chain of System Xc-"),
             ("GCLC", "glutamate-cysteine ligase catalytic subunit (GSH synthesis)"),
             ("GPX4", "glutathione peroxidase 4"),
             ("AIFM2", "FSP1: NAD(P)H-CoQ10 oxidoreductase"),
             ("DHODH", "dihydroorotate dehydrogenase (mitochondrial CoQ reduction, pyrimidines)"),
             ("GCH1", "GTP cyclohydrolase 1 (BH4 synthesis)"),
             ("NFE2L2", "NRF2 transcription factor"),
             ("PAQR3", "progestin and adipoQ receptor 3 (promotes NRF2 ubiquitination)")]:
    gene(g, d)
for g in ("SLC7A11", "GPX4", "ACSL4", "ALOX15", "BECN1"):
    tx(g, g)
act("SLC7A11", "cystine/glutamate antiport by System Xc- (erastin, sulfasalazine, sorafenib inhibit)")
act("GCLC", "GCL catalysis (BSO inhibits)")
act("GPX4", "GPX4 catalysis (RSL3, ML162 inhibit)")
act("AIFM2", "FSP1 CoQ10 reduction (iFSP1 inhibits)")
act("DHODH", "DHODH catalysis (brequinar inhibits)")
act("NFE2L2", "NRF2 transcriptional activity (apigenin inhibits)")
par("cystine_ext", 200, "uM", "medium cystine (RPMI-1640: 208 uM)", "RPMI-1640 formulation")
par("V_xc", 260, "uM_per_hour", "maximal cystine import of the reference cell", REF + "balances GSH synthesis and cysteine use at Cys = 40 uM")
par("Km_xc", 80, "uM", "System Xc- Km for cystine", "Bannai 1986 J Biol Chem 261:2256 (Km ~ 50-80 uM)")
par("K_becn_xc", 4, "dimensionless", "inhibition of System Xc- by AMPK-phosphorylated BECN1", "Song 2018 Curr Biol, doi 10.1016/j.cub.2018.05.094; constant assumed")
par("v_tsf", 10, "uM_per_hour", "transsulfuration cysteine supply", ASSUMED + "minor in leukemia cells compared with cystine import")
par("cys_supply", 0, "uM_per_hour", "exogenous cysteine supply; N-acetylcysteine adds", "agent input (default 0)")
par("k_cys_use", 1.0, "per_hour", "cysteine use for protein synthesis, taurine, CoA", ASSUMED + "intracellular cysteine pool turns over within an hour")
par("V_gcl", 2380, "uM_per_hour", "maximal GSH synthesis (GCL) of the reference cell", REF + "GSH = 2 mM at steady state")
par("Km_gcl", 100, "uM", "GCL Km for cysteine", ASSUMED + "GCL Km(Cys) 0.1-0.3 mM")
par("Ki_gsh", 2000, "uM", "feedback inhibition of GCL by GSH", "Richman & Meister 1975 J Biol Chem 250:1422 (Ki ~ 2.3 mM)")
par("k_gsh_turn", 0.12, "per_hour", "GSH export and gamma-GT turnover", ASSUMED + "GSH half-life ~4-6 h; erastin depletes GSH within 8-12 h")
par("k_gsh_ros", 0.03, "per_hour", "GSH oxidation to GSSG per unit ROS", ASSUMED + "peroxide scavenging by GPX1/PRDX-GRX uses GSH")
par("k_gr", 2.0, "per_hour", "glutathione reductase (NADPH) reduction of GSSG", ASSUMED + "GSSG/GSH kept ~1%")
par("K_ppp", 1, "dimensionless", "glycolytic (pentose-phosphate) dependence of NADPH for GR", ASSUMED + "HK2 feeds G6P into the pentose-phosphate pathway")
par("k_gssg_out", 0.2, "per_hour", "GSSG export", ASSUMED + "GSSG export by MRP1")
par("k_chac1", 0.08, "per_hour", "GSH degradation by CHAC1 per CHOP level", "Chen 2017 PLoS One, doi 10.1371/journal.pone.0181640 (CHAC1 degrades GSH in cystine starvation); rate assumed")
par("gsh_conj", 0, "per_hour", "GSH conjugation by arsenicals; As4S4 adds", "agent input (default 0)")
par("k_gpx4", 6, "per_hour", "PLOOH reduction by GPX4 (per GPX4 level at saturating GSH)", ASSUMED + "GPX4 keeps PLOOH far below the ferroptotic level; set ~2-3x the basal chain gain of ALL cells")
par("Km_gpx4_gsh", 1000, "uM", "apparent GSH dependence of GPX4", ASSUMED + "GPX4 activity falls when GSH drops below ~1 mM (Ursini 1985)")
par("K_nrf2", 1, "dimensionless", "NRF2 activation of its targets (SLC7A11, GPX4, FTH1, SLC40A1)", ASSUMED + "ARE-driven genes respond about proportionally")
par("K_mtor_gpx4", 0.3, "dimensionless", "mTORC1 support of GPX4 protein synthesis", "Zhang 2021 Nat Commun, doi 10.1038/s41467-021-21841-w; constant assumed")
par("selenium", 1, "dimensionless", "selenium availability (1 = 10% FBS); sodium selenite adds", "convention: 1 = standard medium")
par("K_se", 3, "dimensionless", "selenium dependence of GPX4 (selenocysteine) synthesis", "Ingold 2018 Cell, PMID 29290465 (selenium use by GPX4 prevents ferroptosis); constant assumed: selenium limits GPX4 in culture media, supplementation raises it up to ~2x")
par("k_gpx4_auto", 0.08, "per_hour", "autophagic (CMA) GPX4 degradation per autophagy flux", "Wu 2019 Aging, doi 10.18632/aging.101958 (HSC70/LAMP2A degrade GPX4); rate assumed")
par("k_protac", 0, "per_hour", "MDM2-recruiting GPX4 PROTAC degradation rate per MDM2 level; Au-PGPD adds", "agent input (default 0)")
par("k_fsp1", 2.0, "per_hour", "FSP1 reduction of CoQ10 (per FSP1 level)", ASSUMED + "half of the plasma-membrane CoQ10 reduced with FSP1 expressed (Doll 2019, PMID 31634899)")
par("k_coq_ox", 1.0, "per_hour", "re-oxidation of ubiquinol", ASSUMED + "CoQ redox cycling within an hour")
par("k_dhodh_coq", 1.0, "per_hour", "DHODH reduction of mitochondrial CoQ10", "Mao 2021 Nature, PMID 33981038; rate assumed")
par("w_coq_pm", 6, "dimensionless", "trapping capacity of fully reduced plasma-membrane ubiquinol", "Bersuker 2019 Nature, PMID 31634900 (FSP1-CoQ10 is a GPX4-independent suppressor); weight assumed")
par("w_coq_m", 1, "dimensionless", "trapping capacity of mitochondrial ubiquinol (inner membrane only)", "Mao 2021 Nature, PMID 33981038; weight assumed")
par("w_bh4", 0.3, "dimensionless", "trapping capacity of BH4", "Kraft 2020 ACS Cent Sci, doi 10.1021/acscentsci.9b01063; weight assumed")
par("kd_bh4", 0.3, "per_hour", "BH4 turnover", ASSUMED + "BH4 oxidised within hours")
par("kd_keap1", 1.5, "per_hour", "KEAP1-CUL3 degradation of NRF2 at basal ROS", "NRF2 half-life ~ 15-30 min (Itoh 2003, PMID 12527781)")
par("K_keap1", 3, "dimensionless", "ROS level (relative) halving KEAP1 activity", ASSUMED + "oxidants modify KEAP1 cysteines")
par("k_paqr3", 0.6, "per_hour", "PAQR3-promoted NRF2 ubiquitination per PAQR3 level", "review ref (79): PAQR3 promotes NRF2 degradation; rate assumed")
par("kd_nrf2", 0.1, "per_hour", "KEAP1-independent NRF2 degradation (beta-TrCP)", ASSUMED + "minor")
par("K_p38_nrf2", 1, "dimensionless", "p38 MAPK repression of NRF2 transcriptional activity",
    "Keum 2006 Cancer Res, doi 10.1158/0008-5472.CAN-06-1401 (p38 negatively regulates NRF2); review ref (53): p38 is the dominant pro-ferroptotic arm; constant assumed")
par("w_erk_nrf2", 0.5, "dimensionless", "fraction of NRF2 transcriptional activity requiring ERK phosphorylation", "review ref (53): ERK1/2 opposes erastin ferroptosis; weight assumed")

# ---- ROS, mitochondria, VDAC -----------------------------------------------------------
for g, d in [("VDAC3", "voltage-dependent anion channel 3"),
             ("FBXW7", "F-box/WD40 E3 ligase (ubiquitinates VDAC3)"),
             ("HK2", "hexokinase 2 (glycolysis; bound to VDAC)")]:
    gene(g, d)
act("HK2", "hexokinase 2 catalysis (As4S4 inhibits)")
par("k_ros0", 3.0, "per_hour", "basal mitochondrial ROS production (relative units per h)", REF + "ROS = 1 in the reference cell")
par("K_hk2_ros", 0.5, "dimensionless", "suppression of mitochondrial ROS by glycolysis / VDAC-bound HK2", "Da-Silva 2004 J Biol Chem, doi 10.1074/jbc.M404382200 (mitochondrial HK lowers ROS); review ref (50)")
par("k_vdac_ros", 3.0, "dimensionless", "ROS gain from open VDAC3 channels", "Yagoda 2007 Nature, PMID 17568748 (erastin acts on VDAC2/3); gain assumed")
par("vdac_open", 0, "dimensionless", "erastin-induced VDAC opening (0 = basal tubulin-blocked)", "agent input (default 0); DeHart 2018, doi 10.1016/j.bcp.2017.12.019")
par("ros_input", 0, "dimensionless", "extra ROS production (relative units per h); doxorubicin, ZnO add", "agent input (default 0)")
par("k_ros_gsh", 2.0, "per_hour", "GSH-dependent peroxide scavenging (GPX1/PRDX-GRX)", ASSUMED + "about half of H2O2 removal")
par("Km_ros_gsh", 500, "uM", "GSH dependence of peroxide scavenging", ASSUMED + "scavenging falls only when GSH is severely depleted")
par("k_cat", 1.4, "per_hour", "catalase / heme-peroxidase removal of H2O2", ASSUMED + "about half of H2O2 removal")
par("K_heme", 1.0, "dimensionless", "mitochondrial iron (heme) dependence of catalase", "review ref (45): DFO inhibits iron-dependent antioxidant enzymes; constant assumed")
par("kd_vdac", 0.02, "per_hour", "FBXW7-independent VDAC3 degradation", ASSUMED + "stable outer-membrane protein")
par("k_fbxw7", 0.08, "per_hour", "FBXW7-mediated VDAC3 ubiquitination and degradation", "review ref (60): FBXW7 silencing stabilises VDAC3; rate assumed")

# ---- signalling: p38, ERK, circ_0000745 / miR-494-3p / NET1, p53, DNA damage ------------
for g, d in [("MAPK14", "p38 MAPK alpha"),
             ("MAPK3", "ERK1/2 (MAPK3 and MAPK1 lumped)"),
             ("circ_0000745", "hsa_circ_0000745 circular RNA (sponges miR-494-3p)"),
             ("MIR494", "miR-494-3p"),
             ("NET1", "neuroepithelial transforming gene 1 (RhoA GEF)"),
             ("TP53", "p53 (functional level; mutant lines have a low level)"),
             ("MDM2", "MDM2 E3 ligase"),
             ("PARP1", "poly(ADP-ribose) polymerase 1 (DNA repair)"),
             ("NR3C1", "glucocorticoid receptor")]:
    gene(g, d)
act("MAPK14", "p38 activation (SB203580 inhibits)")
act("MAPK3", "RAF-MEK-ERK activation (U0126, sorafenib inhibit)")
act("PARP1", "PARP1 catalysis (olaparib inhibits)")
par("K_p38_ros", 2, "dimensionless", "ROS activation of p38 (ASK1)", ASSUMED + "p38 responds to oxidative stress")
par("w_net1_erk", 0.7, "dimensionless", "fraction of ERK activation supported by NET1/RhoA (circ_0000745 axis)", "review refs (76, 77): circ_0000745 activates ERK and, via miR-494-3p/NET1, suppresses ferroptosis; weight assumed")
par("w_net1_gly", 0.3, "dimensionless", "fraction of glycolysis supported by the circ_0000745/NET1 axis", "review ref (77): circ_0000745 knockdown disrupts glycolysis; weight assumed")
par("s_sponge", 2, "dimensionless", "miR-494-3p sequestration by circ_0000745 (relative to its own decay)", "review ref (77); constant assumed")
par("K_mir_net1", 0.3, "dimensionless", "miR-494-3p repression of NET1", "review ref (77); constant assumed")
par("kd_rna", 0.2, "per_hour", "miRNA / circRNA turnover", ASSUMED + "hours")
par("k_mdm2_p53", 2.0, "per_hour", "MDM2-mediated p53 degradation per MDM2 level (basal stress)", "p53 half-life ~20 min (Haupt 1997, PMID 9153395)")
par("kd_p53", 0.2, "per_hour", "MDM2-independent p53 degradation", ASSUMED + "minor")
par("K_p53_stress", 0.5, "dimensionless", "stress (ROS, DNA damage) protection of p53 from MDM2", ASSUMED + "ATM/ATR phosphorylation blocks MDM2 binding")
par("w_p53_mdm2", 0.3, "dimensionless", "fraction of MDM2 expression that is p53-induced", ASSUMED + "negative feedback loop; MDM2 is also p53-independently expressed")
par("K_p53_xc", 2, "dimensionless", "p53 repression of SLC7A11", "Jiang 2015 Nature, PMID 25799988; constant assumed")
par("doubling_ref", 30, "hour", "doubling time of the reference cell (replication stress scales with proliferation)", ASSUMED + "typical ALL line")
par("w_dna_ros", 0.1, "dimensionless", "fraction of basal DNA damage that is oxidative (the rest is replication stress)", ASSUMED + "replication stress dominates in fast-cycling blasts")
par("k_dna", 0.5, "per_hour", "basal DNA damage production (relative units per h)", REF + "DNA_damage = 1 in the reference cell")
par("K_rnr", 0.3, "dimensionless", "labile iron (relative) below which replication stress rises steeply (RNR)", "review ref (45): DFO causes DNA damage in T-ALL; constant assumed")
par("k_rs", 1.0, "per_hour", "maximal replication-stress DNA damage under iron deprivation (relative units per h, at the reference proliferation rate)",
    "review ref (45): DFO causes DNA damage in T-ALL; " + ASSUMED + "ribonucleotide reductase needs iron; several-fold more lesions when iron-starved")
par("dna_dmg_in", 0, "dimensionless", "extra DNA damage production (relative units per h); doxorubicin adds", "agent input (default 0)")
par("k_rep0", 0.3, "per_hour", "PARP1-independent DNA repair", ASSUMED + "HR/NHEJ")
par("k_parp", 0.2, "per_hour", "PARP1-dependent repair (base excision / SSB)", ASSUMED + "PARP-dependent repair (BER/SSB) is about 40% of the total")

# ---- energy, mTOR/AMPK, autophagy, ISR ------------------------------------------------
for g, d in [("PRKAA1", "AMPK alpha1 (active AMPK)"),
             ("MTOR", "mTORC1 activity"),
             ("PTEN", "PTEN phosphatase"),
             ("NOTCH1", "NOTCH1 (intracellular domain)"),
             ("BECN1", "Beclin-1"),
             ("ATF4", "ATF4 (integrated stress response)"),
             ("DDIT3", "CHOP")]:
    gene(g, d)
act("AMPK", "AMPK activation (apigenin, poricoic acid A activate)")
act("MTOR", "mTORC1 kinase activity (rapamycin inhibits)")
act("NOTCH1", "gamma-secretase cleavage of NOTCH1 (DAPT inhibits)")
par("K_energy", 0.5, "dimensionless", "glycolytic ATP supply repressing AMPK", ASSUMED + "AMPK senses falling ATP/AMP")
par("K_ampk_mtor", 1, "dimensionless", "AMPK repression of mTORC1 (TSC2, RAPTOR)", ASSUMED + "canonical")
par("K_pten", 1, "dimensionless", "PTEN repression of PI3K-AKT-mTORC1 input", ASSUMED + "PTEN loss doubles mTORC1 input at most")
par("w_notch_mtor", 0.3, "dimensionless", "fraction of mTORC1 input from NOTCH1-HES1 (PTEN repression)", "Palomero 2007 Nat Med, PMID 17873882; review ref (73) GSI + rapamycin")
par("w_notch_g", 0.3, "dimensionless", "fraction of growth that is NOTCH1-MYC driven", "review refs (67-75): NOTCH1 drives T-ALL growth; weight assumed")
par("K_myb_g", 0.1, "dimensionless", "MYB level (relative) at which MYB-driven growth is half-saturated: saturated at the reference level and above, falls when MYB is knocked down",
    ASSUMED + "c-Myb is required for proliferation (knockdown slows it) but MYB-high ALL lines grow at their catalogue rates")
par("w_myb_g", 0.2, "dimensionless", "fraction of growth that is MYB driven (c-Myb is required for ALL proliferation)",
    "Lahortiga 2007 Nat Genet, PMID 17515895 (MYB duplication in T-ALL); "
    "Ramsay & Gonda 2008 Nat Rev Cancer, PMID 18500244; weight assumed")
par("K_aut_mtor", 3, "dimensionless", "mTORC1 repression of autophagy initiation (ULK1)", ASSUMED + "canonical")
par("K_aut_ampk", 1, "dimensionless", "AMPK activation of autophagy initiation (ULK1, BECN1)", ASSUMED + "canonical")
par("K_cys_atf4", 1, "dimensionless", "cysteine starvation activation of ATF4 (GCN2)", ASSUMED + "amino-acid response")
par("cys_ref", 40, "uM", "cysteine of the reference cell (normaliser)", REF + "steady state of the reference cell")
par("er_stress", 0, "dimensionless", "ER stress (PERK) input to ATF4; DHA adds", "agent input (default 0)")
par("K_atf4_xc", 0.5, "dimensionless", "ATF4 induction of SLC7A11", "Sato 2004 / Chen 2017: ATF4 induces xCT; constant assumed")
par("K_chop", 2, "dimensionless", "ATF4 induction of CHOP", ASSUMED + "canonical ISR")

# ---------------------------------------------------------------------------------------
# Species: id -> (initial, unit, kind, gene, name, description)
# ---------------------------------------------------------------------------------------
S = {}


def spc(sid, init, unit, kind, gsym, name, desc):
    S[sid] = (float(init), unit, kind, gsym, name, desc)


REL = "dimensionless"
spc("Fe_labile", 1, "uM", "metabolite", "-", "labile Fe2+", "cytosolic labile (chelatable) ferrous iron pool")
spc("Fe_ferritin", 20, "uM", "metabolite", "-", "ferritin iron", "iron stored in ferritin")
spc("Fe_mito", 8, "uM", "metabolite", "-", "mitochondrial iron", "mitochondrial iron (heme and Fe-S precursors)")
spc("TFRC", 1, REL, "protein", "TFRC", "transferrin receptor 1", "TF-iron uptake; IRP- and mTORC1-regulated")
spc("FTH1", 1, REL, "protein", "FTH1", "ferritin heavy chain", "iron storage; NRF2-, MYB- and iron-induced; degraded by ferritinophagy")
spc("NCOA4", 1, REL, "protein", "NCOA4", "NCOA4", "ferritinophagy receptor; degraded by HERC2 when iron is high")
spc("SLC40A1", 1, REL, "protein", "SLC40A1", "ferroportin", "iron exporter; NRF2 target")
spc("Cys", 40, "uM", "metabolite", "-", "cysteine", "intracellular cysteine (from cystine via System Xc-)")
spc("GSH", 2000, "uM", "metabolite", "-", "glutathione", "reduced glutathione")
spc("GSSG", 20, "uM", "metabolite", "-", "glutathione disulfide", "oxidised glutathione (as GSH equivalents / 2)")
spc("SLC7A11", 1, REL, "protein", "SLC7A11", "xCT", "System Xc- light chain; NRF2/ATF4-induced, p53-repressed")
spc("GPX4", 1, REL, "protein", "GPX4", "GPX4", "phospholipid hydroperoxide glutathione peroxidase")
spc("NFE2L2", 1, REL, "protein", "NFE2L2", "NRF2", "antioxidant transcription factor; KEAP1- and PAQR3-degraded")
spc("AIFM2", 1, REL, "protein", "AIFM2", "FSP1", "CoQ10 oxidoreductase at the plasma membrane")
spc("CoQH2_pm", 0.5, REL, "metabolite", "-", "ubiquinol (plasma membrane)", "reduced fraction of the extramitochondrial CoQ10 pool (FSP1)")
spc("CoQH2_mito", 0.5, REL, "metabolite", "-", "ubiquinol (mitochondria)", "reduced fraction of the inner-membrane CoQ10 pool (DHODH)")
spc("BH4", 1, REL, "metabolite", "-", "tetrahydrobiopterin", "GCH1 product; radical-trapping antioxidant")
spc("ACSL4", 1, REL, "protein", "ACSL4", "ACSL4", "PUFA-CoA synthesis")
spc("ALOX15", 1, REL, "protein", "ALOX15", "15-LOX", "lipoxygenase (12/15-LOX family)")
spc("PUFA_PE", 1, REL, "metabolite", "-", "PUFA-PE", "AA/AdA-phosphatidylethanolamine, relative to the reference membrane")
spc("PLOOH", 6e-4, REL, "metabolite", "-", "phospholipid hydroperoxides", "PE-OOH, fraction of the reference PUFA-PE pool")
spc("LOO", 1e-5, REL, "metabolite", "-", "lipid peroxyl radicals", "LOO*/L* chain carriers, same units as PLOOH")
spc("ROS", 1, REL, "metabolite", "-", "ROS (H2O2)", "cellular peroxide tone, 1 = reference")
spc("VDAC3", 1, REL, "protein", "VDAC3", "VDAC3", "outer mitochondrial membrane channel; FBXW7 substrate")
spc("glycolysis", 1, REL, "state", "-", "glycolytic flux", "HK2-driven glycolysis, 1 = reference")
spc("MAPK14", 1, REL, "protein", "MAPK14", "active p38", "active p38 MAPK")
spc("MAPK3", 1, REL, "protein", "MAPK3", "active ERK1/2", "active ERK1/2")
spc("circ_0000745", 1, REL, "rna", "-", "circ_0000745", "hsa_circ_0000745")
spc("MIR494", 1, REL, "rna", "MIR494", "miR-494-3p", "free (unsponged) miR-494-3p")
spc("NET1", 1, REL, "protein", "NET1", "NET1", "RhoA GEF; miR-494-3p target")
spc("TP53", 1, REL, "protein", "TP53", "p53", "functional p53")
spc("MDM2", 1, REL, "protein", "MDM2", "MDM2", "E3 ligase of p53; recruited by the GPX4 PROTAC")
spc("DNA_damage", 1, REL, "state", "-", "DNA damage", "unrepaired DNA lesions, 1 = reference")
spc("PRKAA1", 1, REL, "protein", "PRKAA1", "active AMPK", "active AMPK")
spc("MTOR", 1, REL, "protein", "MTOR", "mTORC1 activity", "mTORC1 activity")
spc("BECN1", 1, REL, "protein", "BECN1", "Beclin-1", "autophagy initiation; with AMPK binds and blocks xCT")
spc("LC3II", 1, REL, "state", "MAP1LC3B", "LC3-II (autophagy flux)", "autophagosome formation flux, 1 = reference")
spc("ATF4", 1, REL, "protein", "ATF4", "ATF4", "integrated stress response")
spc("DDIT3", 1, REL, "protein", "DDIT3", "CHOP", "ATF4 target; induces CHAC1 and apoptosis")
spc("viable", 1, REL, "fate", "-", "viable progeny", "live progeny of one starting cell")
spc("dead_ferro", 0, REL, "fate", "-", "ferroptotic deaths", "progeny lost to ferroptosis")
spc("dead_apop", 0, REL, "fate", "-", "apoptotic deaths", "progeny lost to apoptosis / DNA-damage death")

# Initial assignments: a virtual cell starts near ITS OWN steady state, not the reference one.
# For every species made by one synthesis reaction syn_X and removed by one first-order reaction
# deg_X, X(0) = synthesis / (degradation / X) with every other species at its reference
# steady-state value: exact for levels that follow their expression factor, first order for the
# rest. Agents act only on act_*, tx_* and input parameters (never on expr_*); those are replaced
# by their defaults here, so a treatment never acts before t = 0 (build_model.py checks
# data/agent_effects.tsv for this).
INIT_ASSIGN = {}
IA_EXTRA = {  # steady states of the ubiquinol and BH4 pools at the cell's own expression
    "CoQH2_pm": "k_fsp1*expr_AIFM2/(k_fsp1*expr_AIFM2 + k_coq_ox)",
    "CoQH2_mito": "k_dhodh_coq*expr_DHODH/(k_dhodh_coq*expr_DHODH + k_coq_ox)",
}

# ---------------------------------------------------------------------------------------
# Reactions: (id, name, reactants {sp: stoich}, products {sp: stoich}, rate law)
# ---------------------------------------------------------------------------------------
RX = []


def rx(rid, name, reactants, products, law):
    RX.append((rid, name, reactants, products, law))


def syn_deg(sp, kd, target, name):
    """Relaxation of a regulated level: synthesis kd*target, first-order decay kd*sp."""
    rx("syn_" + sp, name + " synthesis", {}, {sp: 1}, "%s*(%s)" % (kd, target))
    rx("deg_" + sp, name + " turnover", {sp: 1}, {}, "%s*%s" % (kd, sp))


NRF2ACT = "NFE2L2*act_NFE2L2*W(MAPK3, w_erk_nrf2)*R(MAPK14, K_p38_nrf2)"
FE = "(Fe_labile/fe_ref)"
# specific growth rate (1/h); also dilutes slowly turning-over iron pools into daughter cells
GROWTH = ("0.693147180559945/doubling_h*H(MTOR, K_g_mtor)*H(glycolysis, K_g_gly)*H(%s, K_g_fe)"
          "*H(expr_DHODH*act_DHODH, K_g_dhodh)*R(TP53, K_g_p53)*R(DNA_damage, K_g_dna)"
          "*W(MAPK3, w_g_erk)*W(expr_NOTCH1*act_NOTCH1, w_notch_g)*W(H(expr_MYB, K_myb_g), w_myb_g)/(1 + mitotic_block)" % FE)

# iron
rx("fe_uptake", "TF-TFRC iron uptake", {}, {"Fe_labile": 1}, "k_fe_up*tf_fe*TFRC*act_TFRC")
rx("fe_input", "non-transferrin iron input", {}, {"Fe_labile": 1}, "fe_input")
rx("fe_store", "ferritin iron loading", {"Fe_labile": 1}, {"Fe_ferritin": 1}, "k_fe_store*FTH1*Fe_labile")
rx("fe_release", "ferritin degradation (basal + NCOA4 ferritinophagy)", {"Fe_ferritin": 1}, {"Fe_labile": 1},
   "(kd_ft + k_fp*NCOA4*LC3II)*Fe_ferritin")
rx("fe_export", "ferroportin export", {"Fe_labile": 1}, {}, "k_fe_exp*SLC40A1*Fe_labile")
rx("fe_lcn2", "LCN2-mediated iron efflux", {"Fe_labile": 1}, {}, "k_lcn2*expr_LCN2*Fe_labile")
rx("fe_chel", "chelation (DFO)", {"Fe_labile": 1}, {}, "k_chel*Fe_labile")
rx("fe_mito_in", "mitochondrial iron import", {"Fe_labile": 1}, {"Fe_mito": 1}, "k_mito_in*Fe_labile")
rx("fe_mito_use", "heme / Fe-S use", {"Fe_mito": 1}, {}, "k_fe_use*Fe_mito")
rx("fe_ft_dil", "dilution of ferritin iron by growth (partition to daughters)", {"Fe_ferritin": 1}, {}, "%s*Fe_ferritin" % GROWTH)
rx("fe_mito_dil", "dilution of mitochondrial iron by growth", {"Fe_mito": 1}, {}, "%s*Fe_mito" % GROWTH)
rx("mitophagy", "mitophagic iron release", {"Fe_mito": 1}, {"Fe_labile": 1}, "k_mitophagy*LC3II*Fe_mito")
syn_deg("TFRC", "kd_prot", "expr_TFRC*R(%s, K_irp)*W(MTOR, w_mtor_tfrc)" % FE, "TFRC")
rx("syn_FTH1", "ferritin synthesis", {}, {"FTH1": 1},
   "(kd_ft + k_fp)*expr_FTH1*H(%s, K_nrf2)*H(expr_MYB, K_myb)*H(%s, K_ire_ft)" % (NRF2ACT, FE))
rx("deg_FTH1", "ferritin degradation (basal + ferritinophagy)", {"FTH1": 1}, {}, "(kd_ft + k_fp*NCOA4*LC3II)*FTH1")
syn_deg("NCOA4", "kd_prot", "expr_NCOA4*R(%s, K_herc2)" % FE, "NCOA4")
syn_deg("SLC40A1", "kd_prot", "expr_SLC40A1*H(%s, K_nrf2)" % NRF2ACT, "ferroportin")

# cysteine and glutathione
rx("xc_import", "System Xc- cystine import (-> 2 cysteine)", {}, {"Cys": 2},
   "V_xc*SLC7A11*act_SLC7A11*R(BECN1*PRKAA1, K_becn_xc)*cystine_ext/(Km_xc + cystine_ext)")
rx("cys_tsf", "transsulfuration", {}, {"Cys": 1}, "v_tsf")
rx("cys_supply", "exogenous cysteine (NAC)", {}, {"Cys": 1}, "cys_supply")
rx("cys_use", "cysteine use", {"Cys": 1}, {}, "k_cys_use*Cys")
rx("gsh_syn", "GSH synthesis (GCL, GSS)", {"Cys": 1}, {"GSH": 1},
   "V_gcl*expr_GCLC*act_GCLC*Cys/(Km_gcl + Cys)*Ki_gsh/(Ki_gsh + GSH)")
rx("gsh_turn", "GSH export / gamma-GT", {"GSH": 1}, {}, "k_gsh_turn*GSH")
rx("gsh_ox", "GSH oxidation by peroxides", {"GSH": 2}, {"GSSG": 1}, "k_gsh_ros*ROS*GSH/2")
rx("gssg_red", "glutathione reductase (NADPH)", {"GSSG": 1}, {"GSH": 2}, "k_gr*H(glycolysis, K_ppp)*GSSG")
rx("gssg_out", "GSSG export", {"GSSG": 1}, {}, "k_gssg_out*GSSG")
rx("gsh_chac1", "CHAC1 degradation of GSH", {"GSH": 1}, {}, "k_chac1*DDIT3*GSH")
rx("gsh_conj", "GSH conjugation (arsenicals)", {"GSH": 1}, {}, "gsh_conj*GSH")
syn_deg("SLC7A11", "kd_fast", "expr_SLC7A11*tx_SLC7A11*H(%s, K_nrf2)*H(ATF4, K_atf4_xc)*R(TP53, K_p53_xc)" % NRF2ACT, "xCT")
rx("syn_GPX4", "GPX4 synthesis (NRF2, mTORC1, selenium)", {}, {"GPX4": 1},
   "(kd_slow + k_gpx4_auto)*expr_GPX4*tx_GPX4*H(%s, K_nrf2)*H(MTOR, K_mtor_gpx4)*H(selenium, K_se)" % NRF2ACT)
rx("deg_GPX4", "GPX4 degradation (basal, autophagic, PROTAC via MDM2)", {"GPX4": 1}, {},
   "(kd_slow + k_gpx4_auto*LC3II + k_protac*MDM2)*GPX4")
rx("syn_NFE2L2", "NRF2 synthesis", {}, {"NFE2L2": 1}, "(kd_keap1 + k_paqr3 + kd_nrf2)*expr_NFE2L2")
rx("deg_NFE2L2", "NRF2 degradation (KEAP1, PAQR3, other)", {"NFE2L2": 1}, {},
   "(kd_keap1*R(ROS, K_keap1) + k_paqr3*expr_PAQR3 + kd_nrf2)*NFE2L2")
syn_deg("AIFM2", "kd_prot", "expr_AIFM2", "FSP1")
rx("fsp1_coq", "FSP1 reduction of CoQ10 (NAD(P)H)", {}, {"CoQH2_pm": 1}, "k_fsp1*AIFM2*act_AIFM2*(1 - CoQH2_pm)")
rx("coq_pm_ox", "ubiquinol oxidation (plasma membrane)", {"CoQH2_pm": 1}, {}, "k_coq_ox*CoQH2_pm")
rx("dhodh_coq", "DHODH reduction of mitochondrial CoQ10", {}, {"CoQH2_mito": 1},
   "k_dhodh_coq*expr_DHODH*act_DHODH*(1 - CoQH2_mito)")
rx("coq_m_ox", "ubiquinol oxidation (respiratory chain)", {"CoQH2_mito": 1}, {}, "k_coq_ox*CoQH2_mito")
syn_deg("BH4", "kd_bh4", "expr_GCH1", "BH4")

# lipids and the radical chain
RTA = "(vitE_mem + w_coq_pm*CoQH2_pm + w_coq_m*CoQH2_mito + w_bh4*BH4 + rta_ext)"
syn_deg("ACSL4", "kd_prot", "expr_ACSL4*tx_ACSL4", "ACSL4")
syn_deg("ALOX15", "kd_prot", "expr_ALOX15*tx_ALOX15", "15-LOX")
rx("pufa_syn", "PUFA esterification into PE (ACSL4, LPCAT3)", {}, {"PUFA_PE": 1}, "k_pufa*ACSL4*act_ACSL4*expr_LPCAT3")
rx("pufa_turn", "PUFA-PE remodelling", {"PUFA_PE": 1}, {}, "k_pufa_turn*PUFA_PE")
rx("lox", "lipoxygenase oxygenation of PUFA-PE (peroxide tone)", {"PUFA_PE": 1}, {"PLOOH": 1},
   "k_lox*ALOX15*act_ALOX15*H(%s, K_lox_fe)*W(MAPK14, w_p38_lox)*PUFA_PE*(lox_tone0 + PLOOH/(K_tone*%s + PLOOH))" % (FE, RTA))
rx("initiation", "radical initiation (Fenton hydroxyl radical, iron-activated endoperoxides)",
   {"PUFA_PE": 1}, {"LOO": 1}, "(k_fenton*ROS + endoperoxide)*Fe_labile*PUFA_PE")
rx("branching", "Fe2+-catalysed PLOOH decomposition (chain branching)", {"PLOOH": 1}, {"LOO": 1},
   "k_branch*Fe_labile*PLOOH")
rx("propagation", "chain propagation LOO* + PUFA-PE -> PLOOH + LOO*", {"PUFA_PE": 1}, {"PLOOH": 1},
   "k_prop*LOO*PUFA_PE")
rx("trapping", "radical trapping (vitamin E, ubiquinol, BH4, exogenous RTAs): LOO* -> PLOOH",
   {"LOO": 1}, {"PLOOH": 1}, "k_rta*%s*LOO" % RTA)
rx("termination", "radical self-termination", {"LOO": 2}, {}, "k_tt*LOO*LOO")
rx("gpx4", "GPX4 reduction of PLOOH with GSH", {"PLOOH": 1}, {},
   "k_gpx4*GPX4*act_GPX4*GSH/(Km_gpx4_gsh + GSH)*PLOOH")
rx("plooh_turn", "GPX4-independent PLOOH removal", {"PLOOH": 1}, {}, "k_plooh_turn*PLOOH")

# ROS, glycolysis, VDAC3
GLY_T = "expr_HK2*act_HK2*W(NET1, w_net1_gly)"
syn_deg("glycolysis", "kd_fast", GLY_T, "glycolysis")
rx("ros_mito", "mitochondrial ROS (VDAC, HK2 detachment)", {}, {"ROS": 1},
   "k_ros0*R(glycolysis, K_hk2_ros)*(1 + k_vdac_ros*VDAC3*vdac_open)")
rx("ros_input", "exogenous ROS sources", {}, {"ROS": 1}, "ros_input")
rx("ros_gsh", "GSH-dependent peroxide scavenging", {"ROS": 1}, {},
   "k_ros_gsh*GSH/(Km_ros_gsh + GSH)*ROS")
rx("ros_cat", "catalase (heme)", {"ROS": 1}, {}, "k_cat*H(Fe_mito/fe_mito_ref, K_heme)*ROS")
rx("syn_VDAC3", "VDAC3 synthesis", {}, {"VDAC3": 1}, "(kd_vdac + k_fbxw7)*expr_VDAC3")
rx("deg_VDAC3", "VDAC3 degradation (FBXW7 ubiquitination)", {"VDAC3": 1}, {}, "(kd_vdac + k_fbxw7*expr_FBXW7)*VDAC3")

# p38, ERK, circRNA axis
syn_deg("MAPK14", "kd_fast", "expr_MAPK14*act_MAPK14*H(ROS, K_p38_ros)", "p38 activation")
syn_deg("MAPK3", "kd_fast", "expr_MAPK3*act_MAPK3*W(NET1, w_net1_erk)", "ERK activation")
syn_deg("circ_0000745", "kd_rna", "expr_circ_0000745", "circ_0000745")
rx("syn_MIR494", "miR-494-3p synthesis", {}, {"MIR494": 1}, "kd_rna*(1 + s_sponge)*expr_MIR494")
rx("deg_MIR494", "miR-494-3p decay and sequestration by circ_0000745", {"MIR494": 1}, {},
   "kd_rna*(1 + s_sponge*circ_0000745)*MIR494")
syn_deg("NET1", "kd_prot", "expr_NET1*R(MIR494, K_mir_net1)", "NET1")

# p53, MDM2, DNA damage
STRESS = "((ROS + DNA_damage)/2)"
rx("syn_TP53", "p53 synthesis", {}, {"TP53": 1}, "(k_mdm2_p53 + kd_p53)*expr_TP53")
rx("deg_TP53", "p53 degradation (MDM2, stress-protected)", {"TP53": 1}, {},
   "(k_mdm2_p53*MDM2*R(%s, K_p53_stress) + kd_p53)*TP53" % STRESS)
syn_deg("MDM2", "kd_prot", "expr_MDM2*W(TP53, w_p53_mdm2)", "MDM2")
rx("dna_dmg", "DNA damage (oxidative, replication stress, genotoxic drugs)", {}, {"DNA_damage": 1},
   "k_dna*(w_dna_ros*ROS + 1 - w_dna_ros) + k_rs*doubling_ref/doubling_h*K_rnr**4/(K_rnr**4 + %s**4) + dna_dmg_in" % FE)
rx("dna_rep", "DNA repair (PARP1-dependent and -independent)", {"DNA_damage": 1}, {},
   "(k_rep0 + k_parp*expr_PARP1*act_PARP1)*DNA_damage")

# energy, mTOR, autophagy, ISR
syn_deg("PRKAA1", "kd_fast", "expr_PRKAA1*act_AMPK*R(glycolysis, K_energy)", "AMPK activation")
syn_deg("MTOR", "kd_fast",
        "expr_MTOR*act_MTOR*R(PRKAA1, K_ampk_mtor)*R(expr_PTEN, K_pten)*W(expr_NOTCH1*act_NOTCH1, w_notch_mtor)/(1 + asn_depletion)",
        "mTORC1 activation")
syn_deg("BECN1", "kd_prot", "expr_BECN1*tx_BECN1", "Beclin-1")
syn_deg("LC3II", "kd_fast", "BECN1*H(PRKAA1, K_aut_ampk)*R(MTOR, K_aut_mtor)", "LC3 lipidation")
syn_deg("ATF4", "kd_fast", "expr_ATF4*(1 + er_stress + asn_depletion)*R(Cys/cys_ref, K_cys_atf4)", "ATF4")
syn_deg("DDIT3", "kd_fast", "expr_DDIT3*H(ATF4, K_chop)", "CHOP")

# fates
HF = "k_ferro_max*PLOOH**n_ferro/(K_ferro**n_ferro + PLOOH**n_ferro)"
DRIVE = ("(w_apop_p53*TP53 + w_apop_dna*DNA_damage + w_apop_chop*DDIT3 + gc_signal*expr_NR3C1"
         " + w_apop_asn*asn_depletion + mitotic_block)")
HA = "k_apop_max*%s**n_apop/(K_apop**n_apop + %s**n_apop)" % (DRIVE, DRIVE)
rx("proliferation", "proliferation", {}, {"viable": 1}, "%s*viable" % GROWTH)
rx("ferroptosis", "ferroptotic death (lipid peroxidation overwhelms repair)", {"viable": 1}, {"dead_ferro": 1},
   "%s*viable" % HF)
rx("apoptosis", "apoptotic / DNA-damage death", {"viable": 1}, {"dead_apop": 1}, "%s*viable" % HA)


# Common aliases of the genes (data/genes.tsv; lookups fold case, '-', '_', ' ').
ALIASES = {
    "TFRC": "TfR1,CD71,transferrin receptor", "FTH1": "FTH,ferritin,ferritin heavy chain",
    "NCOA4": "ARA70", "SLC40A1": "FPN1,ferroportin,IREG1", "LCN2": "lipocalin-2,NGAL",
    "MYB": "c-Myb", "ACSL4": "FACL4", "LPCAT3": "MBOAT5", "ALOX15": "15-LOX,12/15-LOX,LOX",
    "SLC7A11": "xCT,System Xc-", "GCLC": "GCL,GLCL", "GPX4": "PHGPx", "AIFM2": "FSP1",
    "DHODH": "dihydroorotate dehydrogenase", "GCH1": "GTPCH", "NFE2L2": "NRF2",
    "PAQR3": "RKTG", "VDAC3": "HD-VDAC3", "FBXW7": "FBW7,CDC4", "HK2": "hexokinase 2,HKII",
    "MAPK14": "p38,p38 MAPK,p38alpha", "MAPK3": "ERK,ERK1,ERK2,ERK1/2,MAPK1",
    "circ_0000745": "hsa_circ_0000745", "MIR494": "miR-494-3p,hsa-miR-494-3p",
    "NET1": "ARHGEF8", "TP53": "p53", "MDM2": "HDM2", "PARP1": "PARP", "NR3C1": "GR,glucocorticoid receptor",
    "PRKAA1": "AMPK,AMPKalpha1", "MTOR": "mTORC1,FRAP1", "PTEN": "MMAC1", "NOTCH1": "NOTCH,ICN1",
    "BECN1": "Beclin-1", "ATF4": "CREB2", "DDIT3": "CHOP,GADD153",
}

# ---------------------------------------------------------------------------------------
# Expression shorthands -> plain arithmetic
# ---------------------------------------------------------------------------------------
class Expand(ast.NodeTransformer):
    def visit_Call(self, node):
        self.generic_visit(node)
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name not in ("H", "R", "W") or len(node.args) != 2:
            raise SystemExit("unknown function in rate law: " + ast.unparse(node))
        x, k = node.args
        one = ast.Constant(1.0)
        if name == "H":
            return ast.BinOp(ast.BinOp(x, ast.Mult(), ast.BinOp(one, ast.Add(), k)), ast.Div(),
                             ast.BinOp(x, ast.Add(), k))
        if name == "R":
            return ast.BinOp(ast.BinOp(one, ast.Add(), k), ast.Div(), ast.BinOp(x, ast.Add(), k))
        return ast.BinOp(ast.BinOp(one, ast.Sub(), k), ast.Add(), ast.BinOp(k, ast.Mult(), x))


def parse_law(text):
    tree = ast.parse(text, mode="eval")
    tree = ast.fix_missing_locations(Expand().visit(tree))
    return tree.body


def names_in(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def mathml(node, parent):
    """Append node as MathML content under parent."""
    m = lambda tag: ET.SubElement(parent, tag)
    if isinstance(node, ast.Name):
        e = m("ci")
        e.text = " %s " % node.id
        return
    if isinstance(node, ast.Constant):
        e = m("cn")
        v = float(node.value)
        if v == int(v) and abs(v) < 1e15:
            e.set("type", "integer")
            e.text = " %d " % int(v)
        else:
            e.text = " %r " % v
        return
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        a = m("apply")
        ET.SubElement(a, "minus")
        mathml(node.operand, a)
        return
    if isinstance(node, ast.BinOp):
        op = {ast.Add: "plus", ast.Sub: "minus", ast.Mult: "times", ast.Div: "divide",
              ast.Pow: "power"}[type(node.op)]
        a = m("apply")
        ET.SubElement(a, op)
        # flatten chains of the same associative operator
        if op in ("plus", "times"):
            terms = []

            def flat(n):
                if isinstance(n, ast.BinOp) and type(n.op) is type(node.op):
                    flat(n.left)
                    flat(n.right)
                else:
                    terms.append(n)
            flat(node)
            for t in terms:
                mathml(t, a)
        else:
            mathml(node.left, a)
            mathml(node.right, a)
        return
    raise SystemExit("unsupported construct in rate law: " + ast.dump(node))


# ---------------------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------------------
UNITS = {
    "hour": [("second", 1, 0, 3600)],
    "per_hour": [("second", -1, 0, 1 / 3600.0)],
    "uM": [("mole", 1, -6, 1), ("litre", -1, 0, 1)],
    "umol": [("mole", 1, -6, 1)],
    "uM_per_hour": [("mole", 1, -6, 1), ("litre", -1, 0, 1), ("second", -1, 0, 1 / 3600.0)],
    "per_uM_per_hour": [("mole", -1, 6, 1), ("litre", 1, 0, 1), ("second", -1, 0, 1 / 3600.0)],
}


def agent_parameters():
    """Parameters agents may change: act_*, tx_* and those data/agent_effects.tsv names."""
    names = {p for p in P if p.startswith(("act_", "tx_"))}
    path = os.path.join(ROOT, "data", "agent_effects.tsv")
    if os.path.exists(path):
        header = None
        for line in open(path):
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            if header is None:
                header = f
                continue
            pid = f[header.index("parameter")]
            if pid.startswith("expr_"):
                raise SystemExit("agent_effects.tsv: agents must act on act_*/tx_*/input parameters, not %s "
                                 "(expr_* describes the cell and sets its initial state)" % pid)
            names.add(pid)
    return names


class Subst(ast.NodeTransformer):
    def __init__(self, values):
        self.values = values

    def visit_Name(self, node):
        if node.id in self.values:
            return ast.copy_location(ast.Constant(float(self.values[node.id])), node)
        return node


def make_initial_assignments():
    INIT_ASSIGN.clear()
    fixed = {sid: v[0] for sid, v in S.items()}
    fixed.update({pid: P[pid][0] for pid in agent_parameters()})
    laws = {rid: (reac, prod, law) for rid, _, reac, prod, law in RX}
    for sid in S:
        syn, deg = laws.get("syn_" + sid), laws.get("deg_" + sid)
        if not syn or not deg or syn[0] or deg[1] or list(deg[0]) != [sid]:
            continue
        vals = dict(fixed)
        vals.pop(sid)
        num = Subst(vals).visit(parse_law(syn[2]))
        den = Subst(vals).visit(ast.BinOp(parse_law(deg[2]), ast.Div(), ast.Name(sid)))
        # the species itself cancels in deg/X: give it its reference value
        den = Subst({sid: S[sid][0]}).visit(den)
        INIT_ASSIGN[sid] = ast.unparse(ast.fix_missing_locations(ast.BinOp(num, ast.Div(), den)))
    for sid, expr in IA_EXTRA.items():
        INIT_ASSIGN[sid] = expr


def build_sbml(out_path):
    make_initial_assignments()
    # plain tag names with explicit xmlns attributes: the SBML, MathML and XHTML parts each get
    # their own default namespace (what libSBML and other tools expect)
    q = lambda t: t
    sbml = ET.Element("sbml", {"xmlns": SBML_NS, "level": "3", "version": "2"})
    model = ET.SubElement(sbml, q("model"), {
        "id": "ferroptosis_all", "name": "Ferroptosis network in acute lymphoblastic leukemia",
        "substanceUnits": "umol", "timeUnits": "hour", "volumeUnits": "litre",
        "extentUnits": "umol"})
    notes = ET.SubElement(model, q("notes"))
    body = ET.SubElement(notes, "body", {"xmlns": XHTML_NS})
    for text in [
        "ferrosim model of the ferroptosis network in acute lymphoblastic leukemia (ALL), after the review "
        "Han et al., 'Ferroptosis: a new dawn in the treatment of acute lymphoblastic leukemia'.",
        "Generated by scripts/model/build_model.py; do not edit by hand. Time in hours, concentrations in uM, "
        "relative levels (1 = reference cell) are dimensionless. Parameter provenance: data/model/parameters.tsv.",
        "Gene products have expression factors expr_<GENE> (multiplying synthesis) and druggable activities "
        "act_<X> factors; fates: viable, dead_ferro, dead_apop (docs/model-conventions.md, docs/model.md)."]:
        ET.SubElement(body, "p").text = text

    lud = ET.SubElement(model, q("listOfUnitDefinitions"))
    for uid, parts in UNITS.items():
        ud = ET.SubElement(lud, q("unitDefinition"), {"id": uid})
        lu = ET.SubElement(ud, q("listOfUnits"))
        for kind, exp, scale, mult in parts:
            ET.SubElement(lu, q("unit"), {"kind": kind, "exponent": repr(float(exp)),
                                          "scale": str(scale), "multiplier": repr(float(mult))})

    lc = ET.SubElement(model, q("listOfCompartments"))
    ET.SubElement(lc, q("compartment"), {"id": "cell", "name": "cell", "spatialDimensions": "3",
                                          "size": "1", "units": "litre", "constant": "true"})

    ls = ET.SubElement(model, q("listOfSpecies"))
    for sid, (init, unit, kind, gsym, name, desc) in S.items():
        attrs = {"id": sid, "name": name, "compartment": "cell", "initialConcentration": repr(init),
                 "substanceUnits": "umol" if unit == "uM" else "dimensionless",
                 "hasOnlySubstanceUnits": "false", "boundaryCondition": "false", "constant": "false"}
        e = ET.SubElement(ls, q("species"), attrs)
        n = ET.SubElement(e, q("notes"))
        ET.SubElement(n, "p", {"xmlns": XHTML_NS}).text = "%s [%s; %s; gene %s]" % (desc, kind, unit, gsym)

    lp = ET.SubElement(model, q("listOfParameters"))
    for pid, (val, unit, desc, src) in P.items():
        e = ET.SubElement(lp, q("parameter"), {"id": pid, "value": repr(val), "units": unit,
                                                "constant": "true"})
        n = ET.SubElement(e, q("notes"))
        ET.SubElement(n, "p", {"xmlns": XHTML_NS}).text = "%s. Source: %s" % (desc, src)

    lia = ET.SubElement(model, q("listOfInitialAssignments"))
    for sid, expr in INIT_ASSIGN.items():
        ia = ET.SubElement(lia, q("initialAssignment"), {"symbol": sid})
        mth = ET.SubElement(ia, "math", {"xmlns": MATHML_NS})
        mathml(parse_law(expr), mth)

    lr = ET.SubElement(model, q("listOfReactions"))
    known = set(S) | set(P) | {"cell"}
    for rid, name, reac, prod, law in RX:
        node = parse_law(law)
        used = names_in(node)
        unknown = used - known
        if unknown:
            raise SystemExit("reaction %s uses unknown symbols %s" % (rid, sorted(unknown)))
        r = ET.SubElement(lr, q("reaction"), {"id": "r_" + rid, "name": name, "reversible": "false"})
        if reac:
            l = ET.SubElement(r, q("listOfReactants"))
            for sp, st in reac.items():
                ET.SubElement(l, q("speciesReference"), {"species": sp, "stoichiometry": repr(float(st)),
                                                         "constant": "true"})
        if prod:
            l = ET.SubElement(r, q("listOfProducts"))
            for sp, st in prod.items():
                ET.SubElement(l, q("speciesReference"), {"species": sp, "stoichiometry": repr(float(st)),
                                                         "constant": "true"})
        mods = sorted((used & set(S)) - set(reac) - set(prod))
        if mods:
            l = ET.SubElement(r, q("listOfModifiers"))
            for sp in mods:
                ET.SubElement(l, q("modifierSpeciesReference"), {"species": sp})
        kl = ET.SubElement(r, q("kineticLaw"))
        mth = ET.SubElement(kl, "math", {"xmlns": MATHML_NS})
        # rate laws are written per volume (concentration/h); the compartment has size 1 litre,
        # so the extent rate (umol/h) is law * cell
        mathml(ast.BinOp(ast.Name("cell"), ast.Mult(), node), mth)

    tree = ET.ElementTree(sbml)
    ET.indent(tree, space="  ")
    tree.write(out_path, encoding="UTF-8", xml_declaration=True)


def write_tsv(path, header, rows, comment):
    with open(path, "w") as f:
        for c in comment:
            f.write("# %s\n" % c)
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")


def fmt(v):
    return ("%.6g" % v)


def reference_steady_state(xml):
    """Make the reference cell (all expression factors 1, no agents) start at its steady state.

    Fixed point: simulate the reference cell to steady state with the SciPy peer (preview.py),
    set the normalisers to that state (fe_ref = labile iron, fe_mito_ref = mitochondrial iron,
    cys_ref = cysteine; k_ros0 and k_dna rescaled so that ROS = DNA_damage = 1), and repeat until
    they change by < 1e-6; then every non-fate species' initial value is that steady state.
    Fate species keep viable = 1, dead_* = 0 (they are counts, not state)."""
    sys.path.insert(0, HERE)
    import numpy as np
    import preview
    for it in range(50):
        build_sbml(xml)
        m = preview.Model(xml)
        p = m.p0.copy()
        y = np.array(m.init(p))
        for _ in range(2):  # restart from the end state: the fates grow, the rest settles
            y = preview.solve_ivp(m.rhs, (0.0, 3000.0), y, method="BDF", args=(p,), jac=m.jac,
                                  rtol=1e-10, atol=1e-13).y[:, -1]
            y[m.sidx["viable"]], y[m.sidx["dead_ferro"]], y[m.sidx["dead_apop"]] = 1.0, 0.0, 0.0
        for sid, i in m.sidx.items():
            v = S[sid]
            if v[2] != "fate":
                S[sid] = (float(y[i]),) + v[1:]
        ss = {k: y[m.sidx[k]] for k in ("Fe_labile", "Fe_mito", "Cys", "ROS", "DNA_damage")}
        new = {"fe_ref": ss["Fe_labile"], "fe_mito_ref": ss["Fe_mito"], "cys_ref": ss["Cys"],
               "k_ros0": P["k_ros0"][0] / ss["ROS"], "k_dna": P["k_dna"][0] / ss["DNA_damage"]}
        change = max(abs(new[k] / P[k][0] - 1) for k in new)
        for k, v in new.items():
            P[k] = (v,) + P[k][1:]
        if change < 1e-6:
            break
    else:
        raise SystemExit("reference steady state: the normalisers did not converge")
    dy = np.array(m.rhs(0.0, y, m.p0))
    for sid, i in m.sidx.items():
        if S[sid][2] != "fate" and abs(dy[i]) > 1e-6 * max(abs(y[i]), 1e-9):
            raise SystemExit("reference cell not at steady state: d%s/dt = %g" % (sid, dy[i]))
    for sid, v in S.items():
        S[sid] = (float("%.6g" % v[0]),) + v[1:]
    for k in ("fe_ref", "fe_mito_ref", "cys_ref", "k_ros0", "k_dna"):
        P[k] = (float("%.6g" % P[k][0]),) + P[k][1:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "model"))
    ap.add_argument("--genes-dir", default=os.path.join(ROOT, "data"))
    ap.add_argument("--no-steady-state", action="store_true",
                    help="keep the nominal initial values (do not simulate the reference steady state)")
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                    help="build with this parameter value instead of the one above (e.g. a candidate of "
                         "scripts/model/calibrate.py); repeatable; not for derived parameters")
    a = ap.parse_args()
    for item in a.param:
        name, eq, value = item.partition("=")
        if not eq or name not in P:
            raise SystemExit("--param %s: expected NAME=VALUE with a parameter of the model" % item)
        if P[name][3].startswith(REF):
            raise SystemExit("--param %s: %s is derived from the reference steady state" % (item, name))
        try:
            P[name] = (float(value),) + P[name][1:]
        except ValueError:
            raise SystemExit("--param %s: '%s' is not a number" % (item, value))
    os.makedirs(a.out, exist_ok=True)
    # sanity: every parameter used somewhere
    used = set()
    for _, _, _, _, law in RX:
        used |= names_in(parse_law(law))
    for expr in INIT_ASSIGN.values():
        used |= names_in(parse_law(expr))
    unused = [p for p in P if p not in used]
    if unused:
        raise SystemExit("parameters not used by any rate law: %s" % unused)
    xml = os.path.join(a.out, "ferroptosis_all.xml")
    if not a.no_steady_state:
        reference_steady_state(xml)
    build_sbml(xml)
    write_tsv(os.path.join(a.out, "parameters.tsv"), ["id", "value", "unit", "description", "source"],
              [(pid, fmt(v), u, d, s) for pid, (v, u, d, s) in P.items()],
              ["parameters of data/model/ferroptosis_all.xml (generated by scripts/model/build_model.py)",
               "source: PMID/DOI/reference, 'review ref (N)' = reference N of Han et al. (the seed review),",
               "'assumed, order of magnitude: <reason>' or 'reference steady state (derived)'"])
    write_tsv(os.path.join(a.out, "species.tsv"), ["id", "name", "kind", "gene", "unit", "description"],
              [(sid, v[4], v[2], v[3], v[1], v[5]) for sid, v in S.items()],
              ["species of data/model/ferroptosis_all.xml (generated by scripts/model/build_model.py)",
               "unit 'dimensionless' = relative level, 1 = reference cell at steady state"])
    species_of = {v[3]: sid for sid, v in S.items() if v[3] != "-"}
    missing = [g for g in GENES if g not in ALIASES]
    if missing:
        raise SystemExit("genes without an ALIASES entry: %s" % missing)
    write_tsv(os.path.join(a.genes_dir, "genes.tsv"), ["gene", "aliases", "parameter", "species", "description"],
              [(g, ALIASES[g], "expr_" + g, species_of.get(g, g if g in S else "-"), d) for g, d in GENES.items()],
              ["genes of the model (generated by scripts/model/build_model.py): --set GENE=F multiplies 'parameter'",
               "gene: HGNC symbol (circ_0000745 is not an HGNC gene: the circRNA's id); species: the model species or -"])
    print("wrote %d species, %d parameters (%d genes), %d reactions to %s" %
          (len(S), len(P), len(GENES), len(RX), a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
