"""Food glossary: names FoodData Central does not use, glossed in the words it does (issue 10 point 3).

FDC names foods in US English and describes dishes by what they are made of ("Lamb curry", "Stuffed
cabbage"). A person or a vision model says "rogan josh", "pecorino" or "gai lan". Each gloss here says
what a name is, the way a food dictionary would, in FDC's words, so that the ordinary matcher (ranking,
back-off ladder, calibration) answers it: "rogan josh" is read as "lamb curry", "pecorino" as "cheese
romano", "gai lan" as "chinese broccoli". Nothing else changes: the match names the FDC entry it found
and says the label was glossed (``MatchResult.gloss``). A gloss is only a second reading: the matcher
keeps the label's own match when FDC names the food itself (every word carried, trusted confidence), so
"bitter melon" stays "Bitter melon, cooked" and only names FDC lacks are read through the glossary; an own
match that names the food only in other words gives way to a reading that FDC names itself: one whose name
holds the label's food only as a modifier of another food ("yuca": 'Yuca fries'), or carries a word of the
label only through a synonym or an alias in parentheses ("poke": 'Pokeberry shoots, (poke), raw', where the
reading "poke bowl" answers).

The glossary was written from general knowledge of foods, section by section (regional and less common
vegetables, fruits, grains, fish, meats, cheeses, breads, sauces, sweets, drinks, then the best-known
dishes of each cuisine; then, section by section and cuisine by cuisine, the market names and regional
synonyms a shopper uses for greens, fruit, grains and flours, pulses, nuts and seeds, fish and shellfish,
cuts and offal, cheeses and pickles; then snacks by the names on the bag and the plates of street stalls, canteens
and diners), not from any benchmark's misses. A gloss is what the name means on an ordinary
plate; a dish keeps its main food first and its defining preparation ("fried", "in sauce"), so the
ranking's cooking-state and hidden-fat rules apply to it as to any label. Keys are lower-case ASCII
singular or plural names; values must be FDC words (the synonyms of pipeline/nutrition/text.py do not
apply to them again) or the name of a recipe profile (pipeline/nutrition/recipes.py: "chole" -> "chana
masala"). A dish that has a recipe profile of its own name needs no gloss: the profile answers its name.
A food FDC lacks is glossed as the entry a dietitian would put in its place, of the same kind and near it in
make-up ("urad dal" -> "mung beans cooked", "skate" -> "fish cod atlantic cooked"), never in words no entry
carries, which fall back to some category's profile, often of another kind of food ('Tea', 1 kcal per 100 g).
"""

from __future__ import annotations

import re

from pipeline.nutrition.text import ascii_folded, singular

VEGETABLES: dict[str, str] = {
    "broccolini": "broccoli", "broccoli rabe": "broccoli raab", "rapini": "broccoli raab",
    "gai lan": "chinese broccoli", "kai lan": "chinese broccoli", "chinese kale": "chinese broccoli",
    "choy sum": "chinese cabbage pak choi", "bok choi": "bok choy", "pak choi": "bok choy", "tatsoi": "bok choy",
    "mizuna": "mustard greens raw", "komatsuna": "mustard greens", "mibuna": "mustard greens raw",
    "napa cabbage": "chinese cabbage pe tsai", "chinese leaf": "chinese cabbage pe tsai",
    "purple cabbage": "red cabbage", "savoy": "savoy cabbage", "cavolo nero": "kale", "lacinato kale": "kale",
    "tuscan kale": "kale", "dinosaur kale": "kale", "callaloo": "amaranth leaves", "amaranth greens": "amaranth leaves",
    "frisee": "endive raw", "curly endive": "endive raw", "radicchio": "radicchio raw", "treviso": "radicchio raw",
    "butter lettuce": "butterhead lettuce", "bibb lettuce": "butterhead lettuce",
    "boston lettuce": "butterhead lettuce", "little gem": "romaine lettuce", "mesclun": "lettuce salad greens",
    "spring mix": "lettuce salad greens", "mixed greens": "lettuce salad greens",
    "lamb lettuce": "lettuce salad greens", "mache": "lettuce salad greens", "microgreens": "lettuce salad greens",
    "pea shoots": "snow peas raw", "bean sprouts": "mung bean sprouts", "watercress": "watercress raw",
    "sorrel": "dock raw", "purslane": "purslane raw", "nettles": "lambsquarter cooked", "ramps": "leeks",
    "wild garlic": "leeks", "garlic scapes": "scallions", "chives": "chives raw", "kohlrabi": "kohlrabi raw",
    "celeriac": "celeriac raw", "celery root": "celeriac raw", "jerusalem artichoke": "jerusalem artichokes",
    "sunchoke": "jerusalem artichokes", "romanesco": "cauliflower", "broccoflower": "cauliflower",
    "cauliflower rice": "cauliflower raw", "zoodles": "zucchini raw", "courgetti": "zucchini raw",
    "vegetable marrow": "summer squash", "pattypan": "summer squash", "kabocha": "winter squash",
    "kabocha squash": "winter squash", "delicata squash": "winter squash", "delicata": "winter squash",
    "hubbard squash": "winter squash", "calabaza": "winter squash", "red kuri": "winter squash",
    "christophene": "chayote", "bitter melon": "balsam pear", "bitter gourd": "balsam pear", "karela": "bitter gourd",
    "lauki": "gourd", "bottle gourd": "gourd", "luffa": "gourd", "snake gourd": "gourd", "opo squash": "gourd",
    "long beans": "yardlong beans", "yard long beans": "yardlong beans", "wax beans": "yellow snap beans",
    "haricots verts": "green beans", "haricot vert": "green beans", "bhindi": "okra", "ladies finger": "okra",
    "brinjal": "eggplant", "baingan": "eggplant", "japanese eggplant": "eggplant", "daikon": "daikon radish",
    "mooli": "daikon radish", "burdock": "burdock root", "gobo": "burdock root", "nopal": "nopales",
    "cactus": "nopales", "jicama": "yambean jicama", "tomatillo": "tomatillos raw", "tomatillos": "tomatillos raw",
    "shishito peppers": "sweet green peppers", "padron peppers": "sweet green peppers",
    "poblano": "hot chili peppers green", "jalapeno": "jalapeno peppers", "habanero": "hot chili peppers",
    "serrano pepper": "serrano peppers", "banana peppers": "hungarian peppers", "pimiento": "pimento", "leek": "leeks",
    "fennel": "fennel bulb", "finocchio": "fennel bulb", "yuca": "cassava raw", "yucca root": "cassava raw",
    "manioc": "cassava", "malanga": "taro", "eddoe": "taro", "dasheen": "taro", "cocoyam": "taro",
    "plantain": "plantains", "green plantain": "plantains green", "ripe plantain": "plantains yellow",
    "maduros": "plantains yellow fried", "tostones": "plantains green fried",
    "sweet potato mash": "sweet potato mashed", "kumara": "sweet potato", "ube": "yam", "purple yam": "yam",
    "batata": "sweet potato", "fingerling potatoes": "potatoes", "new potatoes": "potatoes",
    "baby potatoes": "potatoes", "russet": "potatoes russet", "yukon gold": "potatoes", "neeps": "rutabagas",
    "collard greens": "collards", "chard": "swiss chard", "rainbow chard": "swiss chard", "silverbeet": "swiss chard",
    "sugar snaps": "snowpea", "fiddleheads": "fiddlehead ferns", "nori": "seaweed laver", "wakame": "seaweed wakame",
    "kombu": "seaweed kelp", "kelp": "seaweed kelp", "hijiki": "seaweed", "enoki": "enoki mushrooms",
    "shiitake": "shiitake mushrooms", "king oyster mushrooms": "oyster mushrooms", "maitake": "maitake mushrooms",
    "chanterelles": "chanterelle mushrooms", "porcini": "mushrooms", "cremini": "brown italian mushrooms",
    "baby bella": "brown italian mushrooms", "portobello": "portabella mushrooms", "morels": "morel mushrooms",
    "wood ear": "jews ear raw", "black truffle": "mushrooms",
    # market names of South Asian, East and South-East Asian, African, Latin American, Middle Eastern and European greens
    "tinda": "gourd", "parwal": "gourd", "parval": "gourd", "turai": "gourd", "tindora": "gourd",
    "ash gourd": "waxgourd", "petha": "waxgourd", "moringa": "drumstick pods", "methi": "spinach raw", "palak": "spinach",
    "arbi": "taro", "colocasia": "taro", "suran": "yam", "lotus stem": "lotus root", "kamal kakdi": "lotus root",
    "renkon": "lotus root", "water spinach": "water convolvulus", "kangkong": "water convolvulus",
    "ong choy": "water convolvulus", "morning glory": "water convolvulus", "gai choy": "mustard greens",
    "yu choy": "chinese cabbage pak choi", "shungiku": "chrysanthemum garland raw", "tong ho": "chrysanthemum garland raw",
    "chrysanthemum greens": "chrysanthemum garland raw", "winged beans": "winged beans immature seeds",
    "ugu": "pumpkin leaves", "jute leaves": "jute potherb", "ewedu": "jute potherb", "garden egg": "eggplant",
    "tannia": "yautia", "chocho": "chayote", "quelites": "amaranth leaves", "verdolagas": "purslane raw",
    "camote": "sweet potato", "choclo": "sweet corn", "kousa": "zucchini", "vine leaves": "grape leaves raw",
    "cime di rapa": "broccoli raab", "puntarelle": "chicory greens", "scorzonera": "salsify",
    "topinambur": "jerusalem artichokes",
    # Market names of Asia and the Caribbean, and British and Australian words, for vegetables and herbs
    "cho cho": "chayote fruit raw", "choko": "chayote fruit raw", "kundru": "gourd", "fenugreek leaves": "spinach raw",
    "kangkung": "water convolvulus", "thai eggplant": "eggplant raw", "pea eggplant": "eggplant raw",
    "banana blossom": "artichoke", "banana flower": "artichoke", "petai": "fava beans cooked", "sator": "fava beans cooked",
    "stink beans": "fava beans cooked", "satoimo": "taro", "nagaimo": "mountain yam raw", "yamaimo": "mountain yam raw",
    "negi": "onions welsh raw", "shimeji": "oyster mushrooms", "enokitake": "enoki mushrooms",
    "black fungus": "jews ear raw", "snow fungus": "jews ear raw", "tremella": "jews ear raw",
    "garlic chives": "chives raw", "daikon greens": "turnip greens raw", "radish greens": "turnip greens raw",
    "butternut pumpkin": "butternut squash", "flat leaf parsley": "parsley fresh", "italian parsley": "parsley fresh",
    "thai basil": "basil fresh", "shiso": "basil fresh", "perilla leaves": "basil fresh", "mitsuba": "parsley fresh",
    "galangal": "ginger root raw", "turmeric root": "ginger root raw",
    # Market names of Latin America, the Caribbean and Africa for vegetables, roots and herbs
    "nopalitos": "nopales", "chipilin": "amaranth leaves", "chaya": "amaranth leaves", "huauzontle": "lambsquarter cooked",
    "culantro": "coriander cilantro leaves raw", "recao": "coriander cilantro leaves raw",
    "shado beni": "coriander cilantro leaves raw", "chadon beni": "coriander cilantro leaves raw",
    "green banana": "plantains green", "cassava leaves": "sweet potato leaves", "pondu": "sweet potato leaves",
    "saka saka": "sweet potato leaves", "waterleaf": "spinach raw", "bitterleaf": "dandelion greens",
    "scent leaf": "basil fresh", "oca": "potatoes", "olluco": "potatoes", "ulluco": "potatoes", "mashua": "potatoes",
    "arracacha": "parsnips", "yacon": "jicama raw", "huitlacoche": "mushrooms", "cuitlacoche": "mushrooms",
    "kiszona kapusta": "sauerkraut", "turshi": "pickled vegetables", "pickled cucumbers": "pickles cucumber dill",
}

FRUITS: dict[str, str] = {
    "clementine": "clementines raw", "satsuma": "tangerines raw", "mandarin": "tangerines raw",
    "blood orange": "oranges raw", "cara cara": "oranges raw", "pomelo": "pummelo raw", "yuzu": "lemon raw",
    "calamansi": "lime raw", "kumquat": "kumquats raw", "ugli fruit": "grapefruit raw", "nectarines": "nectarines raw",
    "pluot": "plums raw", "greengage": "plums raw", "damson": "plums raw", "sour cherries": "sour red cherries raw",
    "morello": "sour red cherries raw", "lychee": "litchis raw", "litchi": "litchis raw", "rambutan": "litchis raw",
    "longan": "longans raw", "pitaya": "dragon fruit", "durian": "durian raw",
    "jackfruit": "jackfruit raw", "breadfruit": "breadfruit raw", "soursop": "soursop raw", "guanabana": "soursop raw",
    "cherimoya": "cherimoya raw", "custard apple": "custard apple bullocks heart raw", "sapodilla": "sapodilla raw",
    "mamey": "mamey sapote", "feijoa": "feijoa raw", "guava": "guavas raw", "passion fruit": "passion fruit raw",
    "maracuya": "passion fruit raw", "lilikoi": "passion fruit raw", "starfruit": "carambola raw",
    "star fruit": "carambola raw", "persimmon": "persimmons japanese raw", "kaki": "persimmons japanese raw",
    "quince": "quinces raw", "loquat": "loquats raw", "medlar": "loquats raw", "physalis": "gooseberries raw",
    "cape gooseberry": "gooseberries raw", "gooseberries": "gooseberries raw", "currants": "red currants raw",
    "redcurrants": "red currants raw", "blackcurrants": "black currants raw", "lingonberries": "cranberries raw",
    "cloudberries": "cloudberries raw", "huckleberries": "blueberries raw", "elderberries": "elderberries raw",
    "marionberries": "blackberries raw", "mulberries": "mulberries raw", "goji berries": "goji berries dried",
    "acai": "acai berry", "honeydew": "honeydew melon raw", "cantaloupe": "cantaloupe melon raw",
    "rockmelon": "cantaloupe melon raw", "galia melon": "melon raw", "watermelon": "watermelon raw",
    "tamarind": "tamarinds raw", "medjool dates": "dates medjool", "prunes": "plums dried", "sultanas": "raisins",
    "dried apricots": "apricots dried", "dried figs": "figs dried", "fresh figs": "figs raw",
    "pomegranate seeds": "pomegranates raw", "arils": "pomegranates raw", "rhubarb": "rhubarb raw",
    # market names of South Asian, East Asian, Caribbean, Latin American and European fruit
    "amla": "gooseberries raw", "jamun": "java plum jambolan raw", "chikoo": "sapodilla raw", "chiku": "sapodilla raw",
    "naseberry": "sapodilla raw", "sitaphal": "sugar apples sweetsop raw", "ber": "jujube raw",
    "red dates": "jujube chinese dried", "nashi": "pears asian raw", "wax apple": "rose apples raw",
    "pitahaya": "dragon fruit", "guinep": "longans raw", "mamoncillo": "longans raw", "quenepa": "longans raw",
    "ackee": "avocados raw", "zapote": "sapote mamey raw", "chirimoya": "cherimoya raw",
    "goldenberries": "gooseberries raw", "golden berries": "gooseberries raw", "sharon fruit": "persimmons japanese raw",
    "hoshigaki": "persimmons japanese dried", "mirabelle": "plums raw", "sloes": "plums raw",
    "bilberries": "blueberries raw",
    # More market names of Asian fruit
    "sapota": "sapodilla raw", "kalamansi": "lime raw", "sudachi": "lime raw", "kabosu": "lime raw",
    "wolfberry": "goji berries dried", "amchur": "mango dried",
    # More market names of Latin American fruit
    "tamarillo": "tomatoes raw", "pineapple guava": "feijoa raw", "passionfruit": "passion fruit raw",
    "guayaba": "guava raw", "jocote": "plums raw", "camu camu": "acerola raw", "lucuma": "sapote mamey raw",
    "mora": "blackberries raw", "mortino": "blueberries raw", "aguaymanto": "gooseberries raw",
    "tuna fruit": "prickly pears raw",
}

GRAINS_AND_STARCHES: dict[str, str] = {
    "freekeh": "bulgur cooked", "farro": "spelt cooked", "emmer": "spelt cooked", "einkorn": "spelt cooked",
    "spelt": "spelt cooked", "wheat berries": "wheat khorasan cooked", "kamut": "khorasan wheat cooked",
    "teff": "teff cooked", "amaranth grain": "amaranth grain cooked", "sorghum": "sorghum grain",
    "fonio": "millet cooked",
    "pearl barley": "barley pearled cooked", "groats": "oat groats", "kasha": "buckwheat groats roasted cooked",
    "polenta": "cornmeal mush", "grits": "grits cooked", "cornmeal porridge": "cornmeal mush",
    "mamaliga": "cornmeal mush", "ugali": "cornmeal mush", "nshima": "cornmeal mush", "sadza": "cornmeal mush",
    "pap": "cornmeal mush", "fufu": "cassava cooked", "banku": "cornmeal mush", "black rice": "black rice cooked",
    "forbidden rice": "black rice cooked", "red rice": "brown rice cooked", "wild rice": "wild rice cooked",
    "sushi rice": "white rice cooked", "jasmine rice": "white rice cooked", "basmati": "white rice cooked",
    "arborio": "white rice cooked", "sticky rice": "glutinous rice cooked", "glutinous rice": "glutinous rice cooked",
    "congee": "rice congee", "jook": "rice congee", "juk": "rice congee", "rice porridge": "rice congee",
    "bircher": "bircher muesli", "orzo": "pasta cooked", "gnocchi": "gnocchi potato",
    "spaetzle": "egg noodles cooked", "pappardelle": "pasta cooked", "tagliatelle": "pasta cooked",
    "bucatini": "pasta cooked", "orecchiette": "pasta cooked", "ziti": "pasta cooked", "cavatappi": "pasta cooked",
    "ditalini": "pasta cooked", "vermicelli": "pasta cooked", "rice vermicelli": "rice noodles cooked",
    "rice sticks": "rice noodles cooked", "pho noodles": "rice noodles cooked", "glass noodles": "rice noodles cooked",
    "bean thread": "rice noodles cooked", "soba": "soba noodles cooked", "somen": "japanese noodles somen cooked",
    "lo mein noodles": "chinese noodles", "hokkien noodles": "egg noodles cooked", "egg noodles": "egg noodles cooked",
    "shirataki": "zucchini raw", "couscous": "couscous cooked", "pearl couscous": "couscous cooked",
    "israeli couscous": "couscous cooked", "bulgur": "bulgur cooked", "cracked wheat": "bulgur cooked",
    "upma": "semolina cooked", "sooji": "semolina", "rava": "semolina", "poha": "rice white cooked made with oil",
    "beaten rice": "rice white cooked made with oil",
    # market names of grains, flours and starches: South Asian, East Asian, African, Latin American, European
    "atta": "flour whole wheat", "chakki atta": "flour whole wheat", "maida": "wheat flour white all purpose",
    "makki ka atta": "cornmeal", "kuttu": "flour buckwheat", "bajra": "millet cooked", "ragi": "millet cooked",
    "nachni": "millet cooked", "jowar": "sorghum grain", "dalia": "bulgur cooked", "sabudana": "tapioca pearl dry",
    "sago": "tapioca pearl dry", "tapioca starch": "tapioca pearl dry", "sona masoori": "white rice cooked",
    "idli rice": "white rice cooked", "mochiko": "flour rice glutinous", "sweet rice flour": "flour rice glutinous",
    "hato mugi": "barley pearled cooked", "job s tears": "barley pearled cooked", "gari": "flour cassava",
    "tuwo": "cornmeal mush", "kiwicha": "amaranth grain cooked", "mote": "hominy cooked", "pinole": "cornmeal",
    "moghrabieh": "couscous cooked", "maftoul": "couscous cooked", "strong flour": "flour bread white",
    "gries": "semolina", "grechka": "buckwheat groats roasted cooked",
    # British names of flours
    "self raising flour": "wheat flour white all-purpose",
    "self rising flour": "wheat flour white all-purpose",
    "kaniwa": "quinoa cooked",
    "kisra": "injera",
    # More grains and noodles of Eastern Europe, the Middle East and Asia
    "kasza": "buckwheat groats", "bulghur": "bulgur cooked", "burghul": "bulgur cooked", "frikeh": "bulgur cooked",
    "flattened rice": "rice white cooked made with oil", "rice flakes": "rice white cooked made with oil",
    "seviyan": "pasta cooked", "sevai": "rice noodles cooked", "idiyappam": "rice noodles cooked",
    "cellophane noodles": "rice noodles cooked", "mung bean noodles": "rice noodles cooked",
    "sweet potato noodles": "rice noodles cooked", "dangmyeon": "rice noodles cooked", "konjac": "zucchini raw",
    "konnyaku": "zucchini raw", "hiyamugi": "japanese noodles somen cooked", "kishimen": "udon noodle",
    "tteok": "mochi", "garaetteok": "mochi", "nian gao": "cake made with glutinous rice",
}

BREADS: dict[str, str] = {
    "lavash": "flatbread", "chapati": "roti", "chapatti": "roti", "phulka": "roti", "puri": "puri fried bread",
    "bhatura": "puri fried bread", "kulcha": "naan", "focaccia": "focaccia italian flatbread",
    "ciabatta": "italian bread", "baguette": "french bread", "sourdough": "french bread sourdough",
    "brioche": "egg bread", "challah": "egg bread", "pumpernickel": "pumpernickel bread", "rye": "rye bread",
    "bialy": "bagel", "simit": "bagel", "pretzel roll": "soft pretzel", "lahmacun": "pizza", "pide": "pizza",
    "manakish": "pizza", "khachapuri": "cheese bread", "pita": "pita bread", "arepas": "arepa", "sope": "corn tortilla",
    "tlayuda": "corn tortilla", "bao": "bao bun", "mantou": "bao bun",
    "scallion pancake": "chinese pancake", "crumpet": "english muffin", "soda bread": "irish soda bread",
    "johnnycake": "cornbread", "hush puppies": "hush puppy", "bannock": "frybread", "pandesal": "dinner roll",
    "pan de sal": "dinner roll", "bolillo": "bolillo roll", "telera": "bolillo roll",
    "concha": "pan dulce sweet yeast bread", "pan dulce": "pan dulce sweet yeast bread", "hardtack": "crackers",
    "crispbread": "crispbread rye", "knackebrod": "crispbread rye", "rusk": "toasted bread",
    "zwieback": "toasted bread",
    # British, Persian, Arab and Turkish names of breads
    "bap": "roll white soft", "barm cake": "roll white soft", "stottie": "bread white", "bloomer": "bread white",
    "cob loaf": "bread white", "tiger bread": "bread white", "pikelet": "pancake plain", "teacake": "bread raisin",
    "hot cross bun": "bread raisin", "farl": "irish soda bread", "potato farl": "potato bread",
    "wheaten bread": "bread whole wheat", "borodinsky": "bread pumpernickel", "sangak": "bread pita",
    "barbari": "bread pita", "taftoon": "bread pita", "markook": "bread pita", "saj bread": "bread pita",
    "khubz": "bread pita", "bazlama": "bread pita", "grissini": "breadsticks", "pane carasau": "matzo",
    "luchi": "puri fried bread",
}

LEGUMES_AND_PROTEIN: dict[str, str] = {
    "seitan": "wheat gluten", "tofu skin": "tofu fried", "yuba": "tofu fried", "silken tofu": "tofu soft",
    "firm tofu": "tofu firm", "paneer": "cheese paneer", "halloumi": "halloumi cheese",
    "butter beans": "lima beans mature cooked", "gigantes": "lima beans mature cooked",
    "lima beans": "lima beans cooked", "cannellini": "white beans cooked", "cannellini beans": "white beans cooked",
    "navy beans": "navy beans cooked", "great northern beans": "great northern beans cooked",
    "borlotti": "pinto beans from dried", "cranberry beans": "pinto beans from dried", "adzuki": "adzuki beans cooked",
    "azuki": "kidney beans from dried", "mung beans": "mung beans mature cooked",
    "moong dal": "mung beans mature cooked",
    "urad dal": "mung beans cooked", "black gram": "mung beans cooked", "toor dal": "lentils cooked",
    "arhar": "lentils cooked", "pigeon peas": "pigeon peas mature cooked", "gandules": "pigeon peas mature cooked",
    "chana": "chickpeas cooked", "chana dal": "chickpeas cooked", "masoor dal": "lentils cooked",
    "red lentils": "lentils cooked", "puy lentils": "lentils cooked", "beluga lentils": "lentils cooked",
    "black eyed peas": "blackeyed peas", "cowpeas": "blackeyed peas", "fava": "broad beans cooked",
    "ful": "broad beans cooked", "foul": "broad beans cooked", "lupini": "edamame cooked",
    "lupin beans": "edamame cooked", "soybeans": "soybeans mature cooked", "soy beans": "soybeans mature cooked",
    "split peas": "split peas cooked", "mushy peas": "split peas cooked", "pinto": "pinto beans cooked",
    "frijoles": "pinto beans cooked", "frijoles refritos": "refried beans", "habichuelas": "kidney beans",
    "rajma": "kidney beans", "kidney beans": "kidney beans cooked",
    # market names of pulses: South Asian, African, Latin American, European
    "matki": "mothbeans mature seeds cooked", "kulthi": "mothbeans mature seeds cooked", "lobia": "blackeyed peas",
    "chawli": "blackeyed peas", "honey beans": "blackeyed peas", "rajmah": "kidney beans cooked",
    "whole masoor": "lentils cooked", "sabut moong": "mung beans mature cooked", "green gram": "mung beans mature cooked",
    "bengal gram": "chickpeas cooked", "double beans": "lima beans mature cooked",
    "frijoles negros": "black beans cooked", "habas": "broad beans cooked", "mayocoba": "beans yellow mature seeds cooked",
    "canario beans": "beans yellow mature seeds cooked", "tarwi": "lupins mature seeds cooked",
    "flageolet": "great northern beans cooked", "haricot beans": "navy beans cooked", "coco beans": "white beans cooked",
    "marrowfat peas": "split peas cooked",
    # African pulses and fermented seeds
    "bambara groundnut": "cowpeas cooked", "bambara beans": "cowpeas cooked", "iru": "natto", "dawadawa": "natto",
    "locust beans": "natto",
}

NUTS_AND_SEEDS: dict[str, str] = {
    # market names of nuts and seeds: South Asian, South-East Asian, Latin American, European
    "kaju": "cashew nuts", "badam": "almonds", "pista": "pistachio nuts", "akhrot": "walnuts",
    "moongphali": "peanuts", "groundnuts": "peanuts", "monkey nuts": "peanuts", "cacahuates": "peanuts",
    "til": "sesame seeds", "alsi": "flaxseed", "sabja": "chia seeds", "basil seeds": "chia seeds",
    "makhana": "lotus seeds dried", "fox nuts": "lotus seeds dried", "melon seeds": "watermelon seed kernels dried",
    "magaz": "watermelon seed kernels dried", "chironji": "almonds", "charoli": "almonds",
    "candlenuts": "macadamia nuts", "kemiri": "macadamia nuts", "pili": "pilinuts dried", "cobnuts": "hazelnuts",
    "pine kernels": "pine nuts", "pignoli": "pine nuts", "pinoli": "pine nuts", "hemp hearts": "hemp seed hulled",
    "marrons": "chestnuts roasted", "castagne": "chestnuts roasted",
    "fox nut": "lotus seeds dried",
}

FISH_AND_SEAFOOD: dict[str, str] = {
    "sole": "fish flounder", "dover sole": "fish flounder", "plaice": "fish flounder", "turbot": "turbot cooked",
    "branzino": "sea bass cooked", "bronzino": "sea bass cooked", "barramundi": "sea bass cooked",
    "sea bream": "sea bass cooked", "dorade": "sea bass cooked", "orata": "sea bass cooked", "porgy": "sea bass cooked",
    "hake": "whiting cooked", "whiting": "whiting cooked", "pollack": "pollock cooked", "coley": "pollock cooked",
    "basa": "catfish cooked", "swai": "catfish cooked", "pangasius": "catfish cooked", "arctic char": "trout cooked",
    "steelhead": "trout rainbow cooked", "ahi": "tuna yellowfin cooked", "ahi tuna": "tuna yellowfin cooked",
    "bluefin": "tuna bluefin cooked", "albacore": "tuna white cooked", "bonito": "tuna skipjack cooked",
    "skipjack": "tuna skipjack cooked", "kingfish": "mackerel king cooked", "saba": "mackerel cooked",
    "sprats": "sardines", "pilchards": "sardines", "whitebait": "smelt cooked", "mahi mahi": "mahimahi cooked",
    "dorado": "mahimahi cooked", "wahoo": "mackerel king cooked", "john dory": "fish cooked",
    "monkfish": "monkfish cooked", "skate": "fish cod atlantic cooked", "sturgeon": "sturgeon cooked",
    "eel": "eel cooked",
    "unagi": "eel cooked", "lox": "salmon smoked", "gravlax": "salmon smoked", "smoked salmon": "salmon smoked",
    "kippers": "herring kippered", "rollmops": "herring pickled", "bacalao": "cod dried salted",
    "bacalhau": "cod dried salted", "salt cod": "cod dried salted", "stockfish": "cod dried", "roe": "fish roe",
    "ikura": "fish roe", "tobiko": "fish roe", "calamari": "squid", "fried calamari": "squid fried",
    "cuttlefish": "cuttlefish cooked", "langoustine": "lobster cooked", "crayfish": "crayfish cooked",
    "crawfish": "crayfish cooked", "yabbies": "crayfish cooked", "scampi": "shrimp fried",
    "king prawns": "shrimp cooked", "tiger prawns": "shrimp cooked", "cockles": "clams cooked",
    "vongole": "clams cooked", "uni": "fish roe raw", "crab sticks": "surimi", "kamaboko": "surimi",
    "fish balls": "surimi", "gefilte fish": "gefiltefish", "dried shrimp": "shrimp dried",
    "anchovies": "anchovy canned in oil",
    # market names of fish and shellfish: South Asian, Japanese, Latin American, Caribbean, Middle Eastern, European
    "rohu": "fish carp cooked", "katla": "fish carp cooked", "catla": "fish carp cooked",
    "hilsa": "fish shad american cooked", "ilish": "fish shad american cooked", "pomfret": "fish butterfish cooked",
    "surmai": "mackerel king cooked", "seer fish": "mackerel king cooked", "bangda": "mackerel cooked",
    "bangus": "fish milkfish cooked", "hamachi": "fish yellowtail cooked", "maguro": "tuna bluefin cooked",
    "toro": "tuna bluefin cooked", "katsuo": "tuna skipjack cooked", "ebi": "shrimp cooked", "ika": "squid",
    "tako": "octopus", "hotate": "scallops", "kani": "crab", "anago": "eel cooked", "mentaiko": "fish roe",
    "tarako": "fish roe", "corvina": "fish croaker cooked", "merluza": "whiting cooked", "pargo": "snapper cooked",
    "robalo": "sea bass cooked", "camarones": "shrimp cooked", "langostinos": "shrimp cooked", "gambas": "shrimp cooked",
    "pulpo": "octopus", "polpo": "octopus", "calamares": "squid", "chipirones": "squid", "seppia": "cuttlefish cooked",
    "mejillones": "mussels", "moules": "mussels", "almejas": "clams cooked", "palourdes": "clams cooked",
    "saltfish": "cod dried salted", "lambi": "conch", "hamour": "grouper cooked", "skrei": "cod atlantic cooked",
    "kingklip": "fish cod atlantic cooked", "snoek": "mackerel king cooked", "lemon sole": "fish flounder",
    "brill": "turbot cooked", "zander": "fish pike walleye cooked", "boquerones": "anchovy",
    "matjes": "herring pickled",
    "kipper": "herring kippered",
    # More fish and shellfish of British, Australian, Mediterranean and Japanese markets
    "red snapper": "fish snapper cooked", "flathead": "fish cod atlantic cooked", "gurnard": "fish cod atlantic cooked",
    "gilthead bream": "sea bass cooked", "capelin": "fish smelt cooked", "saithe": "pollock cooked",
    "marlin": "fish swordfish cooked", "buri": "fish yellowtail cooked", "sanma": "mackerel",
    "ayu": "fish trout cooked", "masago": "fish roe", "sea urchin": "fish roe raw", "geoduck": "clams steamed",
    "winkles": "whelk cooked", "periwinkles": "whelk cooked", "moreton bay bugs": "lobster cooked",
    "balmain bugs": "lobster cooked", "marron": "crayfish cooked", "chikuwa": "surimi", "bombay duck": "fish dried small",
    "lakerda": "fish mackerel salted",
}

MEATS: dict[str, str] = {
    "short ribs": "beef short ribs cooked", "galbi": "beef short ribs cooked", "kalbi": "beef short ribs cooked",
    "baby back ribs": "pork ribs cooked", "spare ribs": "pork ribs", "spareribs": "pork ribs",
    "st louis ribs": "pork ribs", "pork belly": "pork belly cooked",
    "pork shoulder": "pork shoulder cooked", "boston butt": "pork shoulder cooked", "carnitas": "pork shoulder cooked",
    "char siu": "pork roasted", "porchetta": "pork roasted", "lechon": "pork roasted",
    "cochinita pibil": "pork shoulder cooked", "pernil": "pork shoulder cooked", "pork chop": "pork chop cooked",
    "tri tip": "beef steak sirloin", "skirt steak": "beef flank steak cooked",
    "hanger steak": "beef flank steak cooked", "flat iron": "beef steak chuck",
    "ribeye": "beef rib eye steak cooked", "rib eye": "beef rib eye steak cooked",
    "new york strip": "beef strip steak cooked", "porterhouse": "beef steak t bone",
    "t bone": "beef t bone steak cooked", "filet mignon": "beef tenderloin cooked",
    "chateaubriand": "beef tenderloin cooked", "picanha": "beef top sirloin cooked",
    "chuck roast": "beef chuck pot roast", "pot roast": "beef pot roast", "bresaola": "beef cured dried",
    "biltong": "beef jerky", "jerky": "beef jerky", "oxtail": "beef oxtail cooked",
    "lamb shank": "lamb shank braised", "lamb chop": "lamb chop cooked", "rack of lamb": "lamb rib cooked",
    "mutton": "lamb cooked", "goat": "goat cooked", "cabrito": "goat cooked", "venison": "venison cooked",
    "elk": "elk cooked", "bison": "bison cooked", "buffalo": "bison cooked", "rabbit": "rabbit cooked",
    "quail": "quail cooked", "pheasant": "pheasant cooked", "guinea fowl": "guinea hen",
    "cornish hen": "cornish game hen cooked", "poussin": "chicken cooked", "duck breast": "duck cooked",
    "magret": "duck cooked", "duck confit": "duck roasted", "foie gras": "pate goose liver",
    "chicken tenders": "chicken tenders breaded", "chicken fingers": "chicken tenders breaded",
    "chicken strips": "chicken tenders breaded", "chicken drumsticks": "chicken drumstick cooked",
    "chicken wings": "chicken wing cooked", "buffalo wings": "chicken wings with hot sauce",
    "chicken thighs": "chicken thigh cooked", "chicken liver": "chicken liver cooked", "longaniza": "chorizo",
    "andouille": "smoked link sausage pork", "kielbasa": "kielbasa polish sausage", "knackwurst": "knockwurst",
    "weisswurst": "bratwurst", "merguez": "sausage beef fresh cooked", "boudin": "pork sausage", "nduja": "salami",
    "soppressata": "salami", "sopressata": "salami", "mortadella": "bologna", "prosciutto": "ham prosciutto",
    "serrano ham": "ham prosciutto", "jamon": "ham prosciutto", "speck": "ham smoked", "pancetta": "bacon",
    "guanciale": "bacon", "lardons": "bacon", "capicola": "ham prosciutto", "coppa": "ham prosciutto",
    "black pudding": "blood sausage",
    "morcilla": "blood sausage", "haggis": "liverwurst", "spam": "luncheon meat pork",
    "lap cheong": "chinese sausage", "bangers": "pork sausage", "linguica": "portuguese sausage",
    "sweetbreads": "veal thymus", "tripe": "beef tripe", "tongue": "beef tongue", "oxtongue": "beef tongue",
    "gizzards": "chicken gizzards",
    # market names of cuts, offal and sausages: South Asian, Latin American, Chinese, European
    "kaleji": "liver", "higado": "liver", "gurda": "kidney", "bheja": "brains", "sesos": "brains", "lengua": "beef tongue",
    "mondongo": "beef tripe", "callos": "beef tripe", "lampredotto": "beef tripe", "mollejas": "sweetbreads",
    "ris de veau": "sweetbreads", "chitlins": "chitterlings", "trotters": "pork pig s feet",
    "pig trotters": "pork pig s feet", "phoenix claws": "chicken feet", "lardo": "pork fresh backfat raw",
    "salo": "pork fresh backfat raw", "chevon": "goat cooked", "hogget": "lamb cooked", "silverside": "beef round cooked",
    "topside": "beef round cooked", "entrecote": "beef rib eye steak cooked", "bavette": "beef flank steak cooked",
    "onglet": "beef flank steak cooked", "fraldinha": "beef flank steak cooked", "arrachera": "beef flank steak cooked",
    "vacio": "beef flank steak cooked", "wagyu": "beef steak",
    "bully beef": "corned beef canned", "cecina": "beef cured dried", "charque": "beef jerky", "droewors": "beef jerky",
    "salchichon": "salami", "fuet": "salami", "sobrasada": "salami", "sucuk": "salami", "sujuk": "salami",
    "cervelat": "salami", "saucisson": "salami", "kabanos": "smoked link sausage pork", "cotechino": "pork sausage",
    "salsiccia": "italian sausage",
    "back bacon": "canadian bacon cooked",
    # British and Australian names of cuts, and meats of other countries
    "rump steak": "beef steak sirloin", "tomahawk steak": "beef steak ribeye", "scotch fillet": "beef steak ribeye",
    "eye fillet": "beef steak tenderloin", "blade steak": "beef steak chuck", "beef shin": "beef chuck",
    "beef cheeks": "beef pot roast", "pork cheeks": "pork shoulder cooked", "pork collar": "pork shoulder cooked",
    "pork knuckle": "pork ham hocks", "lamb cutlets": "lamb chop", "lamb neck": "lamb ns as to cut",
    "chicken maryland": "chicken thigh", "chicken wingettes": "chicken wings", "spatchcock": "cornish game hen",
    "kangaroo": "venison cooked",
    # Sausages and cured meats of Britain, the Balkans, Turkey and Eastern Europe
    "saveloy": "frankfurter meat", "chipolata": "pork sausage", "cumberland sausage": "pork sausage",
    "lincolnshire sausage": "pork sausage", "loukanika": "pork sausage", "krakowska": "polish sausage",
    "lukanka": "salami", "kulen": "salami", "pastirma": "beef cured pastrami", "basturma": "beef cured pastrami",
    "gammon steak": "ham",
}

DAIRY_AND_EGGS: dict[str, str] = {
    "pecorino": "cheese romano", "pecorino romano": "cheese romano", "parmigiano": "cheese parmesan",
    "parmigiano reggiano": "cheese parmesan", "grana padano": "cheese parmesan", "manchego": "cheese romano",
    "emmental": "cheese swiss", "emmentaler": "cheese swiss", "jarlsberg": "cheese swiss", "raclette": "cheese swiss",
    "comte": "cheese gruyere", "taleggio": "cheese fontina", "asiago": "cheese parmesan hard",
    "havarti": "cheese monterey",
    "stilton": "cheese blue", "gorgonzola": "cheese blue", "danish blue": "cheese blue",
    "burrata": "cheese mozzarella whole milk", "bocconcini": "cheese mozzarella whole milk",
    "fior di latte": "cheese mozzarella whole milk", "stracciatella": "cheese mozzarella whole milk",
    "mascarpone": "cheese cream", "quark": "cheese cottage lowfat 2% milkfat",
    "fromage frais": "cheese cottage lowfat 2% milkfat",
    "skyr": "greek yogurt plain nonfat", "labneh": "greek yogurt plain whole milk",
    "labne": "greek yogurt plain whole milk", "ayran": "kefir", "dahi": "yogurt plain whole milk",
    "bean curd": "tofu", "creme fraiche": "sour cream", "clotted cream": "heavy cream", "smetana": "sour cream",
    "crema": "sour cream", "queso blanco": "cheese queso blanco", "queso fresco": "cheese queso fresco",
    "cotija": "cheese queso cotija", "oaxaca cheese": "cheese oaxaca", "chenna": "cheese paneer",
    "ghee": "ghee clarified butter", "duck eggs": "duck egg cooked", "quail eggs": "quail egg",
    "century egg": "duck egg preserved", "tamago": "egg omelet", "tamagoyaki": "egg omelet",
    "tortilla espanola": "potato omelet", "spanish omelette": "potato omelet", "shakshouka": "shakshuka",
    "huevos rancheros": "eggs with tomato sauce", "deviled eggs": "deviled egg",
    # cheeses by country: Italy, Spain, France, Greece, the Levant, the Balkans, Eastern Europe, Latin America, Britain
    "scamorza": "cheese mozzarella whole milk", "provola": "cheese provolone", "caciocavallo": "cheese provolone",
    "ricotta salata": "cheese feta", "robiola": "cheese brie", "stracchino": "cheese brie", "crescenza": "cheese brie",
    "montasio": "cheese parmesan hard", "idiazabal": "cheese romano", "mahon": "cheese romano",
    "cabrales": "cheese blue", "reblochon": "cheese brie", "epoisses": "cheese brie", "cantal": "cheese cheddar",
    "beaufort": "cheese gruyere", "tomme": "cheese gruyere", "morbier": "cheese fontina",
    "saint nectaire": "cheese fontina", "chevre": "cheese goat soft type", "crottin": "cheese goat hard type",
    "kefalotyri": "cheese romano", "kefalograviera": "cheese gruyere", "graviera": "cheese gruyere",
    "kasseri": "cheese provolone", "mizithra": "cheese ricotta whole milk", "anthotyros": "cheese ricotta whole milk",
    "manouri": "cheese ricotta whole milk", "akkawi": "cheese mozzarella whole milk",
    "nabulsi": "cheese mozzarella whole milk", "beyaz peynir": "cheese feta", "sirene": "cheese feta",
    "bryndza": "cheese feta", "kashkaval": "cheese provolone", "oscypek": "cheese provolone",
    "tvorog": "cheese cottage lowfat 2% milkfat", "twarog": "cheese cottage lowfat 2% milkfat",
    "queso panela": "cheese queso fresco", "queso menonita": "cheese monterey", "requeson": "cheese ricotta whole milk",
    "queso de bola": "cheese edam", "leerdammer": "cheese swiss", "maasdam": "cheese swiss", "emmenthal": "cheese swiss",
    "appenzeller": "cheese swiss", "sbrinz": "cheese parmesan hard", "brunost": "cheese gjetost",
    "red leicester": "cheese cheddar", "double gloucester": "cheese cheddar", "wensleydale": "cheese cheddar",
    "caerphilly": "cheese cheddar",
    "lancashire cheese": "cheese cheshire", "pepper jack": "cheese monterey jack", "myzithra": "cheese ricotta whole milk",
    "kaymak": "cream heavy", "kajmak": "cream heavy",
}

SAUCES_AND_CONDIMENTS: dict[str, str] = {
    "sambal": "chili sauce", "sriracha": "hot chili sauce", "gochujang": "miso", "harissa": "sauce hot chile sriracha",
    "chili crisp": "vegetable oil", "zhug": "green chili sauce", "piri piri": "hot sauce", "peri peri": "hot sauce",
    "nuoc cham": "fish sauce", "ponzu": "soy sauce", "tamari": "soy sauce tamari", "shoyu": "soy sauce",
    "teriyaki": "teriyaki sauce", "hoisin": "hoisin sauce", "xo sauce": "oyster sauce", "miso paste": "miso",
    "doenjang": "miso", "tahina": "tahini", "romesco": "peanut sauce", "pesto": "pesto sauce",
    "pistou": "pesto sauce", "chimichurri": "sauce pesto", "salsa verde": "green salsa", "salsa roja": "salsa",
    "pico de gallo": "salsa fresh", "mole": "mole sauce", "mole poblano": "mole sauce",
    "adobo sauce": "enchilada sauce", "bechamel": "white sauce", "mornay": "cheese sauce", "veloute": "white sauce",
    "hollandaise": "hollandaise sauce", "bearnaise": "hollandaise sauce", "aioli": "garlic mayonnaise",
    "remoulade": "tartar sauce", "tartare sauce": "tartar sauce", "tzatziki": "tzatziki dip",
    "raita": "yogurt plain whole milk", "baba ganoush": "eggplant dip", "baba ghanoush": "eggplant dip",
    "mutabal": "eggplant dip", "muhammara": "eggplant dip", "taramasalata": "dip nfs",
    "skordalia": "garlic potato dip", "queso dip": "cheese dip", "mango chutney": "chutney", "achar": "pickle",
    "giardiniera": "pickled vegetables", "vodka sauce": "tomato cream sauce", "arrabbiata": "spaghetti sauce",
    "puttanesca": "spaghetti sauce", "ragu": "spaghetti sauce with meat", "alfredo": "alfredo sauce",
    "carbonara sauce": "alfredo sauce", "satay sauce": "peanut sauce", "tonkatsu sauce": "worcestershire sauce",
    "brown sauce": "steak sauce", "hp sauce": "steak sauce", "jus": "beef broth", "demi glace": "brown gravy",
    "aji": "hot sauce", "nam pla": "fish sauce", "golden syrup": "cane syrup", "treacle": "molasses",
    "date syrup": "syrup", "agave": "agave syrup", "cajeta": "dulce de leche", "nutella": "chocolate hazelnut spread",
    "marmite": "yeast extract spread", "vegemite": "yeast extract spread", "ketchup manis": "teriyaki sauce",
    "kecap manis": "teriyaki sauce",
    # pickles and condiments of Japan, China, the Philippines, the Middle East, the Balkans, Latin America, Europe
    "tsukemono": "pickles", "takuan": "pickles", "umeboshi": "pickles", "zha cai": "pickles",
    "pickled mustard greens": "pickles", "atchara": "pickles", "suan cai": "sauerkraut", "curtido": "sauerkraut",
    "torshi": "pickled vegetables", "tursu": "pickled vegetables", "encurtido": "pickled vegetables",
    "gherkins": "pickles cucumber dill", "cornichons": "pickles cucumber dill", "kiszone ogorki": "pickles cucumber dill",
    "piccalilli": "pickle relish", "branston pickle": "pickle relish", "amba": "chutney",
    "doubanjiang": "chili sauce", "patis": "fish sauce", "toum": "garlic mayonnaise", "shatta": "hot sauce",
    "adjika": "hot sauce", "pebre": "salsa fresh", "tkemali": "plum sauce", "ajvar": "roasted red peppers",
    "lutenitsa": "roasted red peppers", "pomegranate molasses": "molasses", "pekmez": "molasses",
    # Spices as South Asian kitchens name them, and the British name of an oil
    "ajwain": "spices caraway seed", "carom seeds": "spices caraway seed", "hing": "spices garlic powder",
    "asafoetida": "spices garlic powder", "rapeseed oil": "canola oil",
    "achiote": "spices paprika", "annatto": "spices paprika",
    # Cooking fats by their names in other kitchens
    "vanaspati": "shortening", "schmaltz": "chicken fat", "beef dripping": "animal fat or drippings",
    "suet": "animal fat or drippings",
    # British kitchen words for baking and store-cupboard goods
    "cornflour": "cornstarch", "custard powder": "cornstarch", "passata": "tomato puree",
    "stock cube": "soup beef broth or bouillon powder dry",
}

SWEETS_AND_SNACKS: dict[str, str] = {
    "biscotti": "cookie biscotti", "macarons": "macaroon", "macaron": "meringue cookie", "amaretti": "macaroon",
    "stroopwafel": "cookies vanilla wafers", "speculoos": "gingersnap cookie", "shortbread": "shortbread cookie",
    "digestive": "graham cracker", "digestives": "graham cracker", "alfajores": "sandwich cookie",
    "madeleines": "sponge cake", "financier": "pound cake", "victoria sponge": "sponge cake", "genoise": "sponge cake",
    "tres leches": "tres leches cake", "pastel de nata": "custard tart", "egg tart": "custard tart",
    "creme caramel": "flan", "sfogliatella": "pastry", "kunafa": "baklava",
    "knafeh": "baklava", "halva": "candies sesame crunch", "halwa": "ladoo", "jalebi": "funnel cake",
    "kheer": "rice pudding",
    "arroz con leche": "rice pudding",
    "pavlova": "eton mess", "meringue": "meringues",
    "mochi": "rice white glutinous cooked", "daifuku": "mochi", "dango": "rice white glutinous cooked",
    "red bean paste": "sweet bean paste", "dorayaki": "pancakes plain",
    "taiyaki": "waffles plain prepared from recipe", "churro": "churros", "beignets": "doughnut",
    "bomboloni": "doughnut",
    "malasadas": "doughnut", "loukoumades": "doughnut holes", "zeppole": "doughnut", "sufganiyot": "doughnut jelly",
    "krapfen": "doughnut jelly", "cruller": "doughnut", "bear claw": "danish pastry", "kouign amann": "croissant",
    "pain au chocolat": "croissant chocolate", "strudel": "apple strudel", "apfelstrudel": "apple strudel",
    "kolache": "danish pastry", "babka": "coffee cake", "panettone": "bread pan dulce sweet yeast bread",
    "stollen": "bread pan dulce sweet yeast bread",
    "blondie": "brownie", "rocky road": "chocolate candy", "brigadeiro": "fudge chocolate",
    "turkish delight": "gumdrops", "lokum": "gumdrops", "praline": "pralines", "brittle": "peanut brittle",
    "jelly beans": "jellybeans", "gummy worms": "gummy candy", "liquorice": "licorice", "gelato": "ice cream",
    "kulfi": "ice cream", "froyo": "frozen yogurt", "semifreddo": "ice cream", "affogato": "ice creams vanilla",
    "granita": "italian ice", "popsicle": "ice pop", "paleta": "frozen fruit juice bar", "halo halo": "snow cone",
    "bingsu": "snow cone", "seaweed snack": "seaweed dried", "pork rinds": "pork skins",
    "chicharron": "pork skins", "chicharrones": "pork skins", "papadum": "papad", "poppadom": "papad",
    "pappadam": "papad", "prawn crackers": "shrimp chips", "bombay mix": "snack mix", "chex mix": "snack mix",
    "rice cakes": "rice cake", "veggie straws": "vegetable chips", "coconut flakes": "coconut packaged",
    "desiccated coconut": "coconut packaged", "dried mango": "mango dried", "energy balls": "granola bar",
    "protein balls": "granola bar", "flapjack": "granola bar", "muesli bar": "granola bar",
    # Unrefined cane and palm sugars, and Australian sweets
    "jaggery": "sugars brown", "gur": "sugars brown", "gula melaka": "sugars brown", "gula jawa": "sugars brown",
    "lollies": "candies hard", "lamington": "cake sponge",
    # More sweets of South Asia, the Middle East, Latin America, East and South-East Asia and Eastern Europe
    "kaju katli": "barfi", "laddu": "ladoo", "peda": "barfi", "sandesh": "barfi", "mysore pak": "ladoo",
    "soan papdi": "ladoo", "sooji halwa": "ladoo", "chikki": "candy peanut brittle", "phirni": "rice pudding",
    "tahini halva": "candies sesame crunch", "maamoul": "cookie shortbread with icing or filling",
    "ghraybeh": "cookie shortbread", "polvorones": "cookie shortbread", "polvoron": "cookie shortbread",
    "alfajor": "cookie shortbread with icing or filling", "qatayef": "pancakes plain", "mahalabia": "pudding",
    "muhallebi": "pudding", "sutlac": "rice pudding", "kazandibi": "pudding", "tembleque": "pudding",
    "revani": "basbousa", "pasteis de nata": "custard tart", "quindim": "flan", "leche flan": "flan",
    "beijinho": "candies coconut bar", "cocadas": "candies coconut bar", "mazapan": "candies peanut bar",
    "bunuelos": "fried dough", "sopapillas": "fried dough", "castella": "cake sponge",
    "tangyuan": "cake made with glutinous rice", "tong yuen": "cake made with glutinous rice",
    "jian dui": "cake made with glutinous rice", "onde onde": "cake made with glutinous rice",
    "klepon": "cake made with glutinous rice", "kue lapis": "cake made with glutinous rice",
    "kuih": "cake made with glutinous rice", "kutsinta": "cake made with glutinous rice",
    "biko": "cake made with glutinous rice", "cendol": "snow cone", "patbingsu": "snow cone",
    "ube jam": "sweet potato casserole", "paczki": "doughnut jelly", "sernik": "cheesecake plain",
    "vatrushka": "sweet rolls cheese", "pryanik": "cookie gingersnaps",
    # British names of sugars, sweets and biscuits
    "demerara sugar": "sugars brown", "muscovado sugar": "sugars brown", "mixed peel": "candied fruit",
    "glace cherries": "maraschino cherries", "hundreds and thousands": "sprinkles", "fairy cakes": "cupcake",
    "jelly babies": "gumdrops", "candy floss": "cotton candy", "swiss roll": "jelly roll", "hob nobs": "cookie oatmeal",
    "custard creams": "cookie sandwich type", "jaffa cakes": "cookie chocolate covered",
    # Snacks by the names on the bag or the stall, of many cuisines
    "kettle corn": "popcorn ready to eat kettle", "caramel corn": "popcorn caramel coated",
    "cracker jack": "popcorn caramel coated with nuts", "cheese curls": "cheese flavored corn snacks",
    "animal crackers": "cookie animal", "senbei": "crackers rice", "nori snack": "seaweed dried",
    "murukku": "snack mix", "chakli": "snack mix", "chevda": "snack mix", "chivda": "snack mix",
    "namkeen": "snack mix", "dal moth": "snack mix", "khakhra": "crackers whole wheat",
    "mathri": "crackers butter plain",
}

DRINKS: dict[str, str] = {
    "stout": "beer", "porter": "beer", "ipa": "beer", "pale ale": "beer", "pilsner": "beer", "lager": "beer",
    "hefeweizen": "beer", "shandy": "beer light", "prosecco": "wine white", "champagne": "wine white",
    "cava": "wine white", "rose": "wine rose", "sake": "rice wine", "soju": "sake",
    "baijiu": "vodka", "mezcal": "tequila", "grappa": "brandy", "cognac": "brandy",
    "mulled wine": "wine red", "agua fresca": "fruit drink", "chai": "chai tea with milk",
    "masala chai": "tea hot with milk", "matcha": "green tea", "matcha latte": "latte", "boba": "bubble tea",
    "thai iced tea": "iced tea sweetened with milk", "teh tarik": "tea with milk and sugar",
    "yerba mate": "tea hot herbal", "mate": "tea hot herbal", "mate cocido": "tea hot herbal", "rooibos": "herbal tea",
    "cortado": "coffee latte", "flat white": "latte",
    "macchiato": "coffee with milk", "americano": "coffee brewed", "espresso": "coffee espresso",
    "cafe con leche": "latte", "cafe au lait": "latte", "frappuccino": "coffee iced latte flavored",
    "cold brew": "coffee brewed", "turkish coffee": "coffee espresso",
    "vietnamese coffee": "coffee latte flavored", "limeade": "lemonade", "ginger beer": "soft drink ginger ale",
    "tonic": "tonic water", "smoothie": "fruit smoothie",
    # More drinks: yogurt and milk drinks, teas, and sweet drinks of fruit, flowers, grain and bark
    "lassi": "yogurt plain whole milk", "chaas": "buttermilk", "doogh": "kefir", "kopi o": "coffee pre-sweetened with sugar",
    "cha yen": "iced tea sweetened with milk", "agua de jamaica": "fruit drink", "bissap": "fruit drink",
    "zobo": "fruit drink", "sorrel drink": "fruit drink", "tepache": "fruit drink", "chicha morada": "fruit drink",
    "kompot": "fruit drink", "jallab": "fruit drink", "mauby": "fruit drink", "qamar al din": "apricot nectar",
    "tamarind juice": "tamarind drink", "sugarcane juice": "sugar cane beverage", "champurrado": "atole",
    "pozol": "atole", "sahlab": "atole", "salep": "atole", "sikhye": "horchata", "sikye": "horchata",
    "kvass": "malt beverage", "guarana": "soft drink", "coquito": "eggnog",
    "barley tea": "tea hot herbal", "mugicha": "tea hot herbal", "genmaicha": "green tea", "sencha": "green tea",
    "hojicha": "green tea", "pu erh": "tea hot leaf black", "sea moss": "seaweed irishmoss raw",
    "squash drink": "fruit flavored drink", "cordial": "fruit flavored drink",
}

DISHES: dict[str, str] = {
    # Italian
    "osso bucco": "osso buco",
    "saltimbocca": "veal cutlet with ham", "piccata": "chicken or turkey with cream sauce",
    "chicken piccata": "chicken or turkey with cream sauce", "chicken marsala": "chicken with mushroom sauce",
    "chicken parm": "chicken parmigiana", "eggplant parm": "eggplant parmesan", "parmigiana": "eggplant parmesan",
    "melanzane": "eggplant parmesan", "vitello tonnato": "veal with sauce", "carbonara": "spaghetti carbonara",
    "cacio e pepe": "pasta with cheese", "aglio e olio": "pasta with oil and garlic",
    "amatriciana": "pasta with tomato sauce and bacon",
    "pasta e fagioli": "bean and pasta soup", "minestrone": "minestrone soup", "ribollita": "bean and vegetable soup",
    "cioppino": "soup bouillabaisse", "caponata": "eggplant relish", "crostini": "bruschetta",
    "panzanella": "bread salad", "caprese": "caprese salad", "stromboli": "calzone",
    "ravioli": "ravioli cheese filled with tomato sauce", "tortellini": "tortellini cheese filled",
    "cannelloni": "manicotti", "gnudi": "gnocchi", "frittata di pasta": "frittata", "piadina": "cheese sandwich",
    "polpette": "meatballs", "involtini": "beef rolled stuffed",
    # French
    "beef bourguignon": "boeuf bourguignon",
    "pot au feu": "beef stew canned entree", "blanquette": "blanquette de veau", "bouillabaisse": "seafood stew",
    "nicoise salad": "tuna salad with egg and potato", "salade nicoise": "tuna salad with egg and potato",
    "croque madame": "ham and cheese sandwich grilled with egg",
    "quiche lorraine": "quiche with bacon", "gratin dauphinois": "potatoes scalloped", "gratin": "potatoes scalloped",
    "aligot": "mashed potato with cheese",
    "pommes puree": "mashed potato", "duchess potatoes": "mashed potato baked", "galette": "crepe with meat",
    "crepes": "crepe", "crepe suzette": "crepe", "steak frites": "beef steak nfs",
    "moules frites": "mussels", "moules mariniere": "mussels steamed", "confit": "duck roasted",
    "rillettes": "liver paste or pate", "pate": "liver pate", "terrine": "liver pate", "vichyssoise": "soup potato",
    "french onion soup": "onion soup", "soupe a l oignon": "onion soup", "souffle": "cheese souffle",
    "clafoutis": "custard with fruit", "tarte tatin": "apple tart", "profiteroles": "cream puff",
    # Spanish and Portuguese
    "paella valenciana": "paella with chicken", "fideua": "paella with seafood",
    "salmorejo": "gazpacho", "croquetas": "croquettes ham",
    "albondigas": "meatballs in tomato sauce", "pisto": "ratatouille",
    "cocido": "kidney beans with meat",
    "francesinha": "cheese steak sandwich or sub on white",
    "pulpo a la gallega": "octopus boiled with paprika", "gambas al ajillo": "shrimp in garlic sauce",
    # German, Central and Eastern European
    "schnitzel": "pork chop coated", "wiener schnitzel": "pork chop coated", "jagerschnitzel": "pork chop coated",
    "sauerbraten": "beef pot roast", "rouladen": "beef rolled stuffed", "currywurst": "bratwurst with curry ketchup",
    "flammkuchen": "tarte flambee",
    "spatzle": "egg noodles cooked", "rosti": "hash brown potatoes",
    "kartoffelsalat": "potato salad german", "german potato salad": "potato salad german", "pierogies": "pierogi",
    "vareniki": "pierogi", "varenyky": "pierogi", "pelmeni": "wonton dumpling steamed",
    "kreplach": "wonton dumpling steamed", "golabki": "stuffed cabbage rolls with beef and rice",
    "holubtsi": "stuffed cabbage rolls with beef and rice", "sarma": "stuffed cabbage rolls with beef and rice",
    "cabbage rolls": "stuffed cabbage rolls with beef and rice",
    "borsch": "borscht", "shchi": "soup vegetable with meat", "solyanka": "meat soup", "stroganoff": "beef stroganoff",
    "blini": "pancake", "syrniki": "cheese pancake", "olivier salad": "potato salad with mayonnaise",
    "paprikash": "chicken paprikash", "lecso": "ratatouille", "langos": "fried dough",
    "kolbasz": "polish sausage", "cevapi": "ground beef", "cevapcici": "ground beef",
    "pljeskavica": "ground beef", "burek": "pastry meat poultry filled", "borek": "cheese pie phyllo",
    "banitsa": "spanakopita", "kofta": "meatballs lamb", "kofte": "kofta", "kefta": "kofta",
    "kufta": "kofta",
    # British and Irish
    "cottage pie": "shepherds pie",
    "yorkshire pudding": "popover",
    "bubble and squeak": "potato and cabbage fried", "colcannon": "mashed potato",
    "full english": "full english breakfast",
    "full breakfast": "full english breakfast", "beans on toast": "baked beans",
    "welsh rarebit": "cheese toast", "ploughmans": "cheese and bread",
    "pasty": "cornish pasty", "steak and kidney pie": "beef pot pie", "pork pie": "pastry meat poultry filled",
    "irish stew": "lamb stew",
    "cauliflower cheese": "squash summer casserole with cheese sauce", "scotch broth": "lamb and barley soup",
    # Greek, Turkish, Middle Eastern, North African
    "pastitsio": "pasta casserole with meat and cheese", "spanakopita": "spinach pie phyllo",
    "tiropita": "spanakopita", "souvlaki": "pork kebab grilled", "gyros": "gyro sandwich",
    "dolma": "stuffed grape leaves", "dolmades": "stuffed grape leaves", "dolmas": "stuffed grape leaves",
    "warak enab": "stuffed grape leaves", "yaprak": "stuffed grape leaves", "horiatiki": "greek salad",
    "fasolada": "bean soup", "gigantes plaki": "lima beans nfs",
    "avgolemono": "chicken rice soup with egg and lemon", "stifado": "beef stew", "kleftiko": "lamb roasted",
    "imam bayildi": "eggplant stuffed with vegetables", "karniyarik": "eggplant and meat casserole",
    "lahmajoun": "pizza", "doner": "gyro meat", "doner kebab": "gyro sandwich", "doner kebap": "gyro sandwich",
    "iskender": "gyro sandwich", "adana kebab": "lamb kebab grilled", "shish kebab": "lamb kebab grilled",
    "shish tawook": "chicken kebab grilled", "shish taouk": "chicken kebab grilled", "shawarma": "chicken shawarma",
    "beef shawarma": "gyro meat",
    "kibbe": "kibbeh", "tabouli": "tabbouleh",
    "mujaddara": "lentils with rice", "mejadra": "lentils with rice", "koshari": "lentils with rice and pasta",
    "kushari": "koshari", "ful medames": "broad beans cooked", "foul medames": "broad beans cooked",
    "maqluba": "rice with chicken and vegetables", "mansaf": "lamb or mutton with gravy", "kabsa": "rice with chicken",
    "machboos": "kabsa", "mandi": "rice with chicken", "tagine": "stew with vegetables",
    "tajine": "stew with vegetables", "lamb tagine": "lamb stew",
    "harira": "lentil soup", "chakchouka": "shakshuka", "bastilla": "chicken pie", "pastilla": "chicken pie",
    "merguez sausage": "polish sausage", "musakhan": "chicken roasted with onions on flatbread",
    "manti": "wonton dumpling steamed", "pide bread": "pita bread", "hummus bowl": "hummus",
    "falafel wrap": "falafel sandwich", "sabich": "eggplant with cheese and tomato sauce",
    "fatteh": "chickpeas nfs", "shish barak": "dumpling no meat",
    # Indian subcontinent
    "rogan josh": "lamb curry", "vindaloo": "curry", "korma": "chicken curry with cream",
    "murgh makhani": "butter chicken",
    "tikka masala": "chicken tikka masala", "saag": "spinach curry", "saag paneer": "palak paneer",
    "matar paneer": "peas and paneer curry", "paneer tikka": "cheese paneer",
    "chole": "chana masala", "chole bhature": "chickpea curry with puri fried bread",
    "rajma chawal": "rajma", "dal makhani": "dal", "dal tadka": "dal", "dal fry": "dal",
    "daal": "dal", "dhal": "dal", "sambar": "lentil vegetable stew", "rasam": "tomato soup",
    "aloo matar": "vegetable curry",
    "bombay potatoes": "vegetable curry", "bhindi masala": "vegetable curry",
    "jalfrezi": "chicken curry", "madras": "curry",
    "bhuna": "curry", "balti": "curry", "dopiaza": "chicken curry", "pasanda": "lamb curry",
    "keema": "ground lamb curry", "keema matar": "keema", "nihari": "beef stew",
    "haleem": "lentil and meat stew", "khichdi": "rice with lentils", "kitchari": "rice with lentils",
    "pulao": "rice pilaf", "pilau": "rice pilaf", "pilaf": "rice pilaf", "plov": "rice pilaf",
    "jeera rice": "rice pilaf", "lemon rice": "rice pilaf", "curd rice": "rice cooked with milk",
    "masala dosa": "dosa with potato filling", "uttapam": "dosa", "vada": "lentil fritter",
    "medu vada": "fritter plain", "pakora": "vegetable fritter", "pakoras": "vegetable fritter",
    "bhaji": "vegetable fritter", "samosas": "samosa", "kachori": "samosa",
    "pav bhaji": "vegetable curry with bread roll", "vada pav": "potato fritter in bread roll",
    "pani puri": "puffed bread with potato filling", "bhel puri": "puffed rice snack",
    "golgappa": "pani puri", "puchka": "pani puri",
    "dhokla": "dosa plain", "thepla": "paratha", "aloo paratha": "paratha with potato",
    "kathi roll": "wrap with chicken", "frankie": "wrap with chicken", "tikki": "potato patty fried",
    "aloo tikki": "potato patty fried", "raita salad": "tzatziki dip",
    # Chinese
    "gong bao": "kung pao chicken", "general tso": "general tso chicken", "general tsos chicken": "general tso chicken",
    "ma po tofu": "mapo tofu", "char siu bao": "bao bun",
    "cha siu bao": "bao bun", "baozi": "bao bun", "xiaolongbao": "wonton dumpling steamed",
    "xiao long bao": "wonton dumpling steamed", "soup dumplings": "wonton dumpling steamed",
    "har gow": "wonton dumpling steamed", "siu mai": "wonton dumpling steamed", "shumai": "wonton dumpling steamed",
    "jiaozi": "wonton dumpling steamed", "potstickers": "wonton dumpling fried", "gyoza": "wonton dumpling fried",
    "wontons": "wonton dumpling steamed", "chow fun": "rice noodles stir fried with beef", "ho fun": "chow fun noodles with meat and vegetables",
    "zhajiangmian": "lo mein with pork",
    "peking duck": "duck roasted", "roast duck": "duck roasted", "egg foo young": "egg foo yung",
    "moo shu": "moo shu pork", "mu shu": "moo shu pork", "beef and broccoli": "beef with broccoli",
    "mongolian beef": "beef stir fried with scallions", "twice cooked pork": "pork stir fried with vegetables",
    "yangzhou fried rice": "fried rice with pork and shrimp", "claypot rice": "rice with chicken and sausage",
    "zongzi": "glutinous rice cooked", "jianbing": "crepe with egg", "rou jia mo": "pork sandwich",
    "congee with pork": "soup rice", "hot pot": "meat and vegetable soup",
    "lions head meatballs": "pork meatballs", "scallion pancakes": "green onion pancake chinese",
    # Japanese
    "katsu": "pork chop coated", "tonkatsu": "pork chop coated", "chicken katsu": "chicken fillet breaded",
    "karaage": "chicken fried japanese", "tempura": "shrimp tempura",
    "teriyaki chicken": "chicken teriyaki", "yakitori": "chicken teriyaki",
    "shabu shabu": "soup vegetable with meat",
    "donburi": "meat with rice bowl",
    "omurice": "omelet with fried rice", "takoyaki": "octopus balls fried",
    "yaki udon": "udon noodles stir fried",
    "tonkotsu ramen": "ramen bowl with meat and egg", "nabe": "meat and vegetable soup", "sashimi": "raw fish", "nigiri": "sushi",
    "maki": "sushi roll", "temaki": "sushi roll", "chirashi": "sushi", "inari": "sushi", "edamame beans": "edamame",
    "agedashi tofu": "tofu fried", "natto rice": "natto", "japanese curry": "beef curry with rice",
    "hambagu": "beef ground patty", "korokke": "potato croquette",
    # Korean
    "kimbap": "sushi roll vegetable",
    "gimbap": "kimbap", "tteokbokki": "rice cakes in spicy sauce",
    "ddukbokki": "tteokbokki", "sundubu": "sundubu jjigae",
    "doenjang jjigae": "tofu stew", "galbi jjim": "beef short ribs braised",
    "samgyeopsal": "pork belly cooked", "korean fried chicken": "chicken fried",
    "dakgalbi": "chicken stir fried with vegetables", "jajangmyeon": "jjajangmyeon",
    "naengmyeon": "buckwheat noodles cold", "pajeon": "vegetable pancake", "haemul pajeon": "pajeon",
    "mandu": "wonton dumpling steamed", "banchan": "pickled vegetables",
    "samgyetang": "soup sopa or caldo de pollo",
    # South-East Asian
    "pad kee mao": "chow fun noodles with meat and vegetables",
    "drunken noodles": "chow fun noodles with meat and vegetables", "pad krapow": "pad kra pao",
    "pad kra pao": "ground pork stir fried with basil",
    "red curry": "chicken curry with coconut milk", "massaman": "massaman curry",
    "panang": "panang curry",
    "panang curry": "beef curry with coconut milk", "khao soi": "noodle soup with chicken curry",
    "tom yum goong": "tom yum",
    "tom kha": "tom kha gai",
    "laab": "larb", "papaya salad": "som tam",
    "khao pad": "fried rice", "khao man gai": "chicken with rice",
    "sate": "satay", "nasi goreng": "fried rice with chicken",
    "mie goreng": "mee goreng", "nasi lemak": "coconut rice with egg and peanuts",
    "beef rendang": "rendang",
    "gado gado": "vegetable salad with peanut sauce",
    "char kway teow": "rice noodles stir fried with shrimp", "hainanese chicken rice": "chicken with rice",
    "chicken rice": "chicken with rice", "roti canai": "paratha", "murtabak": "paratha with meat",
    "pho bo": "soup pho with meat", "pho ga": "chicken noodle soup",
    "bun bo hue": "soup pho with meat",
    "banh xeo": "crepe with pork and shrimp", "goi cuon": "rice paper rolls", "summer rolls": "rice paper rolls",
    "fresh spring rolls": "rice paper rolls",
    "cha gio": "egg roll", "com tam": "pork chop",
    "bo luc lac": "beef stir fried", "adobo": "chicken adobo",
    "kare kare": "oxtail stew with peanut sauce", "lumpia": "egg roll", "lumpia shanghai": "egg roll with beef and or pork",
    "pancit canton": "pancit",
    "sisig": "pork chopped fried", "lechon kawali": "pork belly fried", "tapsilog": "rice fried with beef",
    "arroz caldo": "rice congee with chicken", "tinola": "chicken soup with vegetables",
    "bistek": "beef steak with onions", "mohinga": "fish noodle soup", "amok": "fish curry",
    "lok lak": "beef stir fried",
    # Mexican, Central and South American, Caribbean
    "birria": "beef stew", "barbacoa": "beef pot roast", "carne asada": "beef steak grilled", "al pastor": "pork tacos",
    "tacos al pastor": "pork tacos", "cochinita": "pork shoulder cooked", "posole": "pozole", "menudo": "tripe soup",
    "enchiladas": "enchilada", "enfrijoladas": "enchilada no meat", "tamales": "tamale", "tamal": "tamale",
    "elote": "corn on the cob with mayonnaise and cheese", "esquites": "elote",
    "sopes": "sope", "gorditas": "gordita", "flautas": "taquito chicken", "taquitos": "taquito",
    "tostadas": "taco or tostada salad meatless", "tostada": "taco or tostada salad meatless", "chile relleno": "chili relleno",
    "chiles rellenos": "chili relleno", "mole negro": "chicken with mole sauce", "pollo asado": "chicken grilled",
    "sopa de lima": "chicken soup", "caldo de res": "beef vegetable soup", "caldo de pollo": "chicken soup",
    "aguachile": "ceviche", "pupusas": "pupusa", "baleadas": "burrito bean and cheese",
    "casamiento": "rice and beans", "moros y cristianos": "rice and black beans",
    "arroz con pollo": "rice with chicken", "arroz con gandules": "rice with pigeon peas",
    "rice and peas": "rice with beans", "ropa vieja": "beef shredded in tomato sauce",
    "picadillo": "ground beef with tomato sauce", "lechon asado": "pork roasted",
    "mofongo": "plantains mashed with pork", "mangu": "plantains mashed", "sancocho": "meat and vegetable stew",
    "ajiaco": "chicken and potato soup", "bandeja paisa": "rice with stewed beans puerto rican style", "empanadas": "empanada",
    "saltenas": "empanada",
    "aji de gallina": "chicken in cream sauce", "anticuchos": "beef heart grilled", "causa": "potato salad",
    "papa a la huancaina": "potatoes with cheese sauce", "churrasco": "beef steak grilled",
    "coxinha": "chicken croquette",
    "pao de queijo": "cheese bread", "farofa": "cassava flour toasted", "acaraje": "fritter plain",
    "milanesa": "chicken fillet breaded", "choripan": "sausage sandwich", "asado": "beef ribs grilled",
    "locro": "corn and squash stew", "humitas": "tamale", "jerk chicken": "chicken grilled",
    "jerk pork": "pork grilled", "ackee and saltfish": "salted cod with ackee",
    "doubles": "chickpea curry with fried bread", "roti wrap": "chicken curry",
    "pastelon": "ripe plantain meat pie puerto rican style", "pastelitos": "empanada", "griot": "pork fried",
    "tostones with": "plantains green fried with",
    # African
    "jollof": "jollof rice", "egusi": "egusi soup",
    "suya": "beef kebab grilled", "moi moi": "moin moin", "akara": "black eyed pea fritter",
    "puff puff": "doughnut holes", "waakye": "rice and beans", "kelewele": "plantains yellow fried",
    "red red": "black eyed peas stew with plantains", "groundnut stew": "mafe",
    "peanut stew": "mafe",
    "maafe": "mafe", "thieboudienne": "rice with fish",
    "yassa": "yassa chicken", "doro wot": "doro wat",
    "misir wat": "lentil curry", "misir wot": "lentil curry", "shiro": "chickpea stew", "tibs": "beef sauteed",
    "kitfo": "beef raw ground", "bunny chow": "curry in bread",
    "chakalaka": "vegetable relish", "pap en vleis": "cornmeal mush with meat", "boerewors": "beef sausage",
    "sosaties": "lamb kebab grilled", "bobo": "fish stew", "nyama choma": "goat grilled",
    "sukuma wiki": "collards cooked", "matoke": "plantains boiled", "githeri": "succotash",
    "chapati kenyan": "roti", "brik": "egg pastry fried",
    # North American and modern bowls
    "poke": "poke bowl", "buddha bowl": "grain bowl with vegetables", "grain bowl": "buddha bowl",
    "power bowl": "buddha bowl", "wedge salad": "caesar salad with romaine no dressing",
    "etouffee": "shrimp creole", "crawfish etouffee": "shrimp creole", "dirty rice": "rice with meat",
    "red beans and rice": "kidney beans and white rice", "hoppin john": "rice with black eyed peas",
    "shrimp and grits": "shrimp with grits", "po boy": "fish sandwich fried on white bun", "poboy": "fish sandwich fried on white bun",
    "muffuletta": "italian sub sandwich", "philly cheesesteak": "cheese steak sandwich or sub on white", "reuben": "reuben sandwich",
    "blt": "bacon lettuce and tomato sandwich", "lobster roll": "seafood salad sandwich", "chowder": "clam chowder",
    "pot pie": "chicken pot pie", "chili con carne": "chili con carne with beans", "brisket": "beef brisket cooked",
    "burnt ends": "beef brisket cooked", "pulled chicken": "chicken barbecue",
    "chicken and waffles": "chicken wing fried coated from raw", "biscuits and gravy": "biscuit with gravy",
    "country fried steak": "beef steak coated", "tater tots": "potato puffs", "hash browns": "hash brown potatoes",
    "poutine": "french fries with gravy and cheese", "loaded fries": "potato french fries with cheese",
    "nachos": "nachos with cheese", "queso": "cheese dip", "tuna casserole": "tuna noodle casserole",
    "stuffing": "bread stuffing", "cole slaw": "coleslaw", "overnight oatmeal": "overnight oats",
    "chia pudding": "chia seed pudding", "avocado toast": "bruschetta",
    "stuffed peppers": "stuffed pepper with rice and meat", "stuffed bell peppers": "stuffed pepper with rice and meat",
    "pasta primavera": "pasta with vegetables", "chicken alfredo": "fettuccine alfredo with chicken",
    "shrimp scampi": "shrimp sauteed with garlic butter", "lasagna bolognese": "lasagna with meat",
    "spaghetti bolognese": "spaghetti with meat sauce", "impossible burger": "veggie burger",
    "beyond burger": "veggie burger",
    # More of the Indian subcontinent
    "pongal": "rice with lentils", "bisi bele bath": "rice with lentils", "appam": "dosa plain",
    "puttu": "rice flour steamed", "avial": "vegetable curry", "thoran": "cabbage green cooked with oil",
    "poriyal": "vegetables stir fried", "kootu": "sambar vegetable stew", "aloo sabzi": "vegetable curry",
    "sabzi": "vegetable curry", "bhurji": "egg omelet or scrambled egg made with oil", "anda curry": "chicken curry",
    "fish moilee": "fish curry", "prawn curry": "fish curry", "chicken 65": "chicken fried",
    "chilli chicken": "chicken stir fried with peppers", "gobi manchurian": "cauliflower fried",
    "paneer butter masala": "butter chicken", "kadai paneer": "cheese paneer", "navratan korma": "vegetable curry",
    "mutton curry": "lamb curry", "goat curry": "curry goat", "rasmalai": "pudding", "gajar halwa": "pudding rice",
    "payasam": "rice pudding", "shrikhand": "greek yogurt sweetened", "mishti doi": "yogurt whole milk",
    # More of China
    "turnip cake": "cake made with glutinous rice", "lo bak go": "cake made with glutinous rice", "cheung fun": "rice noodles steamed",
    "youtiao": "fried dough", "tea eggs": "egg hard boiled", "red braised pork": "pork belly cooked",
    "hong shao rou": "red braised pork", "dongpo pork": "pork belly cooked", "salt and pepper squid": "squid fried",
    "salt and pepper shrimp": "shrimp fried", "steamed fish": "fish steamed", "cumin lamb": "lamb stir fried",
    "dry fried green beans": "green beans stir fried", "yu xiang eggplant": "eggplant stir fried with sauce",
    "fish fragrant eggplant": "eggplant stir fried with sauce", "tomato egg stir fry": "egg omelet or scrambled egg made with oil",
    "egg fried rice": "rice fried meatless", "cashew chicken": "chicken or turkey with teriyaki",
    "lemon chicken": "chicken fried with lemon sauce", "honey walnut shrimp": "shrimp fried with sauce",
    "egg tarts": "custard tart", "sesame balls": "cake made with glutinous rice",
    # More of Japan and Korea
    "chawanmushi": "egg custard steamed", "nikujaga": "beef and potato stew", "oden": "soup fish or shrimp",
    "unadon": "sushi roll eel", "tendon": "shrimp tempura", "tempura udon": "udon noodle soup",
    "kitsune udon": "udon noodle soup", "zaru soba": "soba noodles cooked", "tamago sando": "egg salad sandwich",
    "katsu sando": "pork sandwich", "hiyashi chuka": "lo mein meatless",
    "bossam": "pork belly boiled", "jeon": "chinese pancake", "hotteok": "pancake with brown sugar filling",
    "bindaetteok": "chinese pancake", "dakgangjeong": "chicken fried with sweet sauce",
    "yukgaejang": "soup beef", "galbitang": "soup beef", "seolleongtang": "soup beef",
    "kongguksu": "soup noodle nfs", "budae jjigae": "sausage and kimchi stew", "gyeran jjim": "custard",
    # More of South-East Asia
    "moo ping": "pork grilled", "gai yang": "chicken grilled", "nam tok": "beef salad",
    "pad pak": "vegetables stir fried", "mango sticky rice": "glutinous rice with mango and coconut milk",
    "khao niao mamuang": "mango sticky rice",
    "bun thit nuong": "chow fun noodles with meat and vegetables", "bun bo nam bo": "chow fun noodles with meat and vegetables",
    "canh chua": "soup fish or shrimp", "ca kho to": "fish catfish steamed",
    "xoi": "glutinous rice cooked", "soto ayam": "chicken soup with noodles", "bakso": "meatball soup",
    "martabak": "paratha with meat", "ayam goreng": "chicken fried", "tempeh goreng": "tempeh fried",
    "nasi uduk": "coconut rice", "pecel": "gado gado", "nasi kandar": "chicken curry with rice",
    "kaya toast": "bread white toasted", "roti john": "egg sandwich with meat",
    "kaldereta": "beef stew canned entree", "caldereta": "beef stew canned entree",
    "bicol express": "stew pork", "dinuguan": "pork stew", "bulalo": "soup beef",
    "longganisa": "pork sausage", "tocino": "pork steak lean and fat eaten", "ube halaya": "sweet potato casserole",
    "turon": "fritter fruit", "bibingka": "cake", "puto": "cake made with glutinous rice",
    # More of the Middle East, Iran and Turkey
    "mulukhiyah": "soup vegetable with meat", "molokhia": "soup vegetable with meat", "fasolia": "green beans fresh cooked with oil",
    "bamia": "okra ns as to form cooked", "arayes": "gyro sandwich", "mahshi": "stuffed pepper with rice meatless",
    "ghormeh sabzi": "lamb stew with herbs and beans", "fesenjan": "chicken stew with walnuts and pomegranate",
    "tahdig": "rice fried crisp", "kuku sabzi": "herb omelet", "ash reshteh": "noodle and bean soup",
    "joojeh kabab": "chicken kebab grilled", "chelo kabab": "beef ground patty",
    "koobideh": "ground beef patty", "zereshk polo": "rice with chicken",
    "menemen": "eggs scrambled with tomato and peppers", "gozleme": "quesadilla cheese only",
    "kumpir": "baked potato with cheese", "mercimek corbasi": "lentil soup", "kisir": "tabbouleh",
    "cig kofte": "tabbouleh", "pilav": "rice pilaf", "lebanese rice": "rice pilaf",
    # More of Europe
    "gemista": "stuffed peppers with rice", "briam": "roasted vegetables", "bougatsa": "pastry cheese filled",
    "loukaniko": "pork sausage", "saganaki": "cheese fried", "keftedes": "meatballs",
    "galaktoboureko": "pastry cheese filled", "draniki": "potato pancake", "deruny": "potato pancake",
    "latkes": "potato pancake", "kotlety": "meat patties", "khinkali": "wonton dumpling steamed",
    "lobio": "kidney beans nfs", "halusky": "potato dumplings with cheese", "knedliky": "dumpling plain",
    "svickova": "beef with cream sauce", "quenelles": "fish dumplings", "brandade": "codfish salad puerto rican style",
    "pissaladiere": "onion tart", "socca": "dosa plain", "tapenade": "olive spread",
    "gougeres": "cheese puffs", "hachis parmentier": "shepherds pie", "navarin": "lamb stew",
    "suppli": "arancini", "farinata": "dosa plain", "fregola": "couscous cooked",
    "smorrebrod": "ham sandwich", "kottbullar": "swedish meatballs with cream or white sauce",
    "swedish meatballs": "swedish meatballs with cream or white sauce", "pyttipanna": "hash ns as to type of meat",
    "janssons frestelse": "potatoes scalloped", "lutefisk": "cod cooked", "kroppkakor": "dumpling potato or cheese filled",
    "pannkakor": "crepe",
    # More of Latin America, the Caribbean and Africa
    "carne guisada": "beef stew", "carne en su jugo": "beef stew", "tinga": "chicken with mole sauce",
    "chicken tinga": "chicken with mole sauce", "enmoladas": "enchilada with mole",
    "sopa de fideo": "noodle soup with tomato", "arroz rojo": "spanish rice", "mexican rice": "spanish rice",
    "frijoles charros": "pinto beans with bacon", "capirotada": "bread pudding",
    "pelau": "rice with chicken and pigeon peas", "oil down": "stew vegetable",
    "stew chicken": "chicken stew", "brown stew chicken": "chicken stew",
    "escovitch fish": "fish fried with pickled vegetables", "festival": "fried dough",
    "bake and shark": "fish fried sandwich", "conch fritters": "fritter plain", "kapenta": "fish dried small",
    "kachumbari": "cucumber salad made with italian dressing", "mandazi": "doughnut", "ndole": "beef stew canned entree",
    "attieke": "couscous plain cooked", "alloco": "plantains yellow fried", "kenkey": "tamale no meat",
    "eba": "cassava cooked", "garri": "cassava flour", "amala": "yam mashed", "pounded yam": "yam mashed",
    "efo riro": "greens with ham or pork", "ogbono soup": "soup peanut", "pepper soup": "soup beef",
    "asun": "goat grilled", "chin chin": "fried dough",
    # Plates of street stalls, canteens and diners: East and South-East Asia
    "gyeran mari": "egg omelet", "dim sum": "wonton dumpling steamed", "zha jiang mian": "lo mein with pork",
    "zhajiang mian": "lo mein with pork", "khao niao": "rice white cooked glutinous",
    "nasi campur": "rice with chicken",
    "otak otak": "fish cake or patty", "lontong": "rice white cooked", "ketupat": "rice white cooked",
    "chicken inasal": "chicken grilled", "siopao": "bao bun", "embutido": "meat loaf",
    # South Asia
    "kadhi": "vegetable curry", "kadhi pakora": "vegetable curry", "misal pav": "lentil curry",
    "chettinad": "chicken curry",
    "molee": "fish curry", "goan fish curry": "fish curry", "xacuti": "chicken curry",
    "rista": "meatballs with sauce", "gushtaba": "meatballs with sauce", "sattu paratha": "paratha",
    "dhansak": "haleem", "patra ni machhi": "fish steamed", "chapli kebab": "ground beef patty",
    "seekh kebab": "lamb kebab grilled", "karahi": "chicken curry", "kadai": "chicken curry", "paya": "soup beef",
    "sajji": "chicken roasted", "bun kebab": "hamburger", "dal chawal": "lentils with rice",
    "daal chawal": "lentils with rice",
    # Turkey and Eastern Europe
    "iskender kebab": "gyro sandwich", "golubtsy": "stuffed cabbage rolls with beef and rice",
    # Britain and American diners
    "sausage roll": "pastry meat poultry filled", "pasties": "cornish pasty",
    "patty melt": "cheeseburger",
    "tuna melt": "tuna salad sandwich on white with cheese", "brunswick stew": "stew chicken", "burgoo": "beef stew",
    "hot brown": "turkey sandwich on white with cheese", "loose meat sandwich": "sloppy joe sandwich on white bun",
    "pulled pork sandwich": "barbecue pork sandwich on white bun", "waldorf salad": "apple salad with dressing",
    "cheese fries": "potato french fries with cheese",
    "jalapeno poppers": "stuffed jalapeno pepper", "tamale pie": "tamale casserole with meat",
}

#: Every gloss, one mapping: a name -> its reading in FDC words.
GLOSSES: dict[str, str] = {
    **VEGETABLES, **FRUITS, **GRAINS_AND_STARCHES, **BREADS, **LEGUMES_AND_PROTEIN, **NUTS_AND_SEEDS, **FISH_AND_SEAFOOD,
    **MEATS, **DAIRY_AND_EGGS, **SAUCES_AND_CONDIMENTS, **SWEETS_AND_SNACKS, **DRINKS, **DISHES,
}

#: Most words in one glossed name.
_LONGEST_NAME = max(len(name.split()) for name in GLOSSES)


def _name_at(phrase: str) -> str | None:
    """The glossed name ``phrase`` is, as written or with a plural ending ('dolmas' -> 'dolma')."""
    for name in (phrase, phrase[:-2] if phrase.endswith("es") else None, phrase[:-1] if phrase.endswith("s") else None):
        if name and name in GLOSSES:
            return name
    return None


#: The main food of a dish (its meat, fish, or what stands for them): a label that names one before a glossed dish
#: ("lamb korma") has that one, not the one the gloss gives the dish by default ('chicken curry with cream').
MAIN_FOODS = frozenset({
    "chicken", "beef", "pork", "lamb", "mutton", "goat", "turkey", "duck", "fish", "shrimp", "prawn", "tofu",
    "paneer", "chickpea", "lentil", "vegetable", "mushroom", "egg",
})


#: Parts of a plant eaten as different foods ('Drumstick pods', 'Drumstick leaves'): like a main food, a part the label
#: names takes the place of the one a reading gives ('moringa leaves' -> 'drumstick leaves', not the pods).
PLANT_PARTS = frozenset({"pod", "leaf", "seed", "root", "stem", "shoot", "flower"})


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def gloss(label: str) -> str | None:
    """``label`` with every name of :data:`GLOSSES` read in FDC words (longest name first), or None when it has none.

    'lamb rogan josh' -> 'lamb curry'; 'grilled branzino' -> 'grilled sea bass cooked'. A word of the label that the
    reading already holds is said once ('chicken adobo' -> 'chicken adobo', not 'chicken chicken adobo'), and a main
    food (:data:`MAIN_FOODS`) the label names takes the place of the one the reading gives ('lamb korma' -> 'lamb
    curry with cream', not 'lamb chicken curry with cream'), and so does a plant part (:data:`PLANT_PARTS`: 'moringa
    leaves' -> 'drumstick leaves', not 'drumstick pods leaves'). Names are looked up word by word (no pattern of 1,600
    alternatives to compile at a Lambda's cold start).
    """
    words = re.sub(r"[^a-z0-9%]+", " ", ascii_folded(label)).split()
    read: list[tuple[str, bool]] = []  # (text, is a reading)
    position = 0
    while position < len(words):
        for length in range(min(_LONGEST_NAME, len(words) - position), 0, -1):
            name = _name_at(" ".join(words[position: position + length]))
            if name is not None:
                read.append((GLOSSES[name], True))
                position += length
                break
        else:
            read.append((words[position], False))
            position += 1
    if not any(is_reading for _, is_reading in read):
        return None
    said = {_stem(w) for text, is_reading in read if is_reading for w in text.split()}
    # the label's one main food stands where the reading's one was, and so does its one plant part
    swap = _swap(read, MAIN_FOODS, _stem) | _swap(read, PLANT_PARTS, singular)
    kept = [" ".join(swap.get(w, w) for w in text.split()) if is_reading else text for text, is_reading in read
            if is_reading or (_stem(text) not in said and text not in swap.values())]
    return " ".join(kept)


def _swap(read: list[tuple[str, bool]], kinds: frozenset[str], stem) -> dict[str, str]:
    """{the reading's one word of ``kinds``: the label's one other word of them} where each has one, else empty
    (``read``: the label's texts and readings; ``stem``: a word as ``kinds`` holds it)."""
    said = {stem(w) for text, is_reading in read if is_reading for w in text.split()}
    given = {w for text, is_reading in read if is_reading for w in text.split() if stem(w) in kinds}
    named = [text for text, is_reading in read if not is_reading and stem(text) in kinds - said]
    return {given.pop(): named[0]} if len(given) == 1 and len(set(named)) == 1 else {}
