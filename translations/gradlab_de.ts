<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ActivationsPage</name>
    <message>
        <source>derivatives (dashed)</source>
        <translation>Ableitungen (gestrichelt)</translation>
    </message>
    <message>
        <source>Computing the curves…</source>
        <translation>Kurven werden berechnet…</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>Training loss on two spirals (dead ReLUs: %1 %)</source>
        <translation>Trainingsverlust auf zwei Spiralen (tote ReLUs: %1 %)</translation>
    </message>
    <message>
        <source>acc %1 %</source>
        <translation>Gen. %1 %</translation>
    </message>
    <message>
        <source>Gradient norm per layer</source>
        <translation>Gradientennorm je Schicht</translation>
    </message>
    <message>
        <source>at initialisation</source>
        <translation>bei Initialisierung</translation>
    </message>
    <message>
        <source>now, after %1 steps</source>
        <translation>jetzt, nach %1 Schritten</translation>
    </message>
    <message>
        <source>start</source>
        <translation>Anfang</translation>
    </message>
</context>
<context>
    <name>AttentionPage</name>
    <message>
        <source>Attention by hand</source>
        <translation>Aufmerksamkeit von Hand</translation>
    </message>
    <message>
        <source>A transformer learns</source>
        <translation>Ein Transformer lernt</translation>
    </message>
    <message>
        <source>1. Scores q·k</source>
        <translation>1. Scores q·k</translation>
    </message>
    <message>
        <source>2. Scaled by 1/√d_k</source>
        <translation>2. Skaliert mit 1/√d_k</translation>
    </message>
    <message>
        <source>2. Not scaled</source>
        <translation>2. Nicht skaliert</translation>
    </message>
    <message>
        <source>3. Weights: softmax</source>
        <translation>3. Gewichte: Softmax</translation>
    </message>
    <message>
        <source>4. Weights × v</source>
        <translation>4. Gewichte × v</translation>
    </message>
    <message>
        <source>How peaked is the softmax?</source>
        <translation>Wie spitz ist die Softmax?</translation>
    </message>
    <message>
        <source>mean largest weight: %1</source>
        <translation>mittleres Maximalgewicht: %1</translation>
    </message>
    <message>
        <source>spread (std) of the scores: %1</source>
        <translation>Streuung (Std.-Abw.) der Scores: %1</translation>
    </message>
    <message>
        <source>Raise d_k with the scaling switched off: the scores spread out, the softmax turns almost one-hot and its gradient vanishes.</source>
        <translation>d_k bei ausgeschalteter Skalierung erhöhen: Die Scores streuen stärker, die Softmax wird fast one-hot und ihr Gradient verschwindet.</translation>
    </message>
    <message>
        <source>Loss and accuracy</source>
        <translation>Verlust und Genauigkeit</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>token accuracy</source>
        <translation>Token-Genauigkeit</translation>
    </message>
    <message>
        <source>whole sequences right</source>
        <translation>ganze Sequenzen richtig</translation>
    </message>
    <message>
        <source>attention on the mirrored token</source>
        <translation>Aufmerksamkeit auf gespiegeltem Token</translation>
    </message>
    <message>
        <source>Position vectors (rows = positions)</source>
        <translation>Positionsvektoren (Zeilen = Positionen)</translation>
    </message>
    <message>
        <source>input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>L%1 · head %2</source>
        <translation>S%1 · Kopf %2</translation>
    </message>
    <message>
        <source>Layer %1, head %2</source>
        <translation>Schicht %1, Kopf %2</translation>
    </message>
    <message>
        <source>Press Play</source>
        <translation>„Start“ drücken</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <source>Export this chart</source>
        <translation>Dieses Diagramm exportieren</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>Als PNG exportieren…</translation>
    </message>
    <message>
        <source>Export as SVG…</source>
        <translation>Als SVG exportieren…</translation>
    </message>
    <message>
        <source>Export data as CSV…</source>
        <translation>Daten als CSV exportieren…</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>Exportiert: %1</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Alles zeigen</translation>
    </message>
    <message>
        <source>Zoomed in: show the whole chart again (or double-click it)</source>
        <translation>Vergrößert: wieder das ganze Diagramm zeigen (oder doppelt darauf klicken)</translation>
    </message>
</context>
<context>
    <name>CnnPage</name>
    <message>
        <source>Filters by hand</source>
        <translation>Filter von Hand</translation>
    </message>
    <message>
        <source>LeNet-5 learns</source>
        <translation>LeNet-5 lernt</translation>
    </message>
    <message>
        <source>horizontal edges</source>
        <translation>horizontale Kanten</translation>
    </message>
    <message>
        <source>vertical edges</source>
        <translation>vertikale Kanten</translation>
    </message>
    <message>
        <source>blur</source>
        <translation>Weichzeichnen</translation>
    </message>
    <message>
        <source>sharpen</source>
        <translation>Schärfen</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>training batch</source>
        <translation>Trainingsbatch</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Input and prediction</source>
        <translation>Eingabe und Vorhersage</translation>
    </message>
    <message>
        <source>Conv 1 maps</source>
        <translation>Conv-1-Karten</translation>
    </message>
    <message>
        <source>Conv 2 maps</source>
        <translation>Conv-2-Karten</translation>
    </message>
    <message>
        <source>Appears at the end of the first epoch.</source>
        <translation>Erscheint am Ende der ersten Epoche.</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare pictures</source>
        <translation>Bilder vergleichen</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>against</source>
        <translation>mit</translation>
    </message>
    <message>
        <source>This lesson has drawn no pictures yet.</source>
        <translation>Diese Lektion hat noch keine Bilder gezeichnet.</translation>
    </message>
    <message>
        <source>There is no other run yet: branch, reset or repeat with seeds first.</source>
        <translation>Es gibt noch keinen anderen Lauf: erst verzweigen, zurücksetzen oder mit Seeds wiederholen.</translation>
    </message>
    <message>
        <source>This run has no such picture.</source>
        <translation>Dieser Lauf hat kein solches Bild.</translation>
    </message>
    <message>
        <source>Pictures are not kept when the lab closes: this run has none.</source>
        <translation>Bilder werden beim Schließen des Labors nicht aufbewahrt: Dieser Lauf hat keine.</translation>
    </message>
</context>
<context>
    <name>DeepPage</name>
    <message>
        <source>plain</source>
        <translation>einfach</translation>
    </message>
    <message>
        <source>residual</source>
        <translation>residual</translation>
    </message>
    <message>
        <source>Plain against residual</source>
        <translation>Einfach gegen residual</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Training loss, %1 blocks each</source>
        <translation>Trainingsverlust, je %1 Blöcke</translation>
    </message>
    <message>
        <source>block</source>
        <translation>Block</translation>
    </message>
    <message>
        <source>The learning rate over the run (%1)</source>
        <translation>Die Lernrate über den Lauf (%1)</translation>
    </message>
    <message>
        <source>now: %1</source>
        <translation>jetzt: %1</translation>
    </message>
    <message>
        <source>ahead</source>
        <translation>voraus</translation>
    </message>
    <message>
        <source>used</source>
        <translation>verwendet</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>LR range test: loss against the learning rate</source>
        <translation>LR-Range-Test: Verlust über der Lernrate</translation>
    </message>
    <message>
        <source>Not run yet: the test trains a copy of the residual net, the run is not changed</source>
        <translation>Noch nicht gelaufen: Der Test trainiert eine Kopie des Residualnetzes, der Lauf bleibt unverändert</translation>
    </message>
    <message>
        <source>Run the test</source>
        <translation>Test starten</translation>
    </message>
    <message>
        <source>Use it</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Sets the learning rate to the suggestion</source>
        <translation>Setzt die Lernrate auf den Vorschlag</translation>
    </message>
    <message>
        <source>Press “Run the test”</source>
        <translation>Drücke „Test starten“</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>geglättet</translation>
    </message>
    <message>
        <source>log10 ‖∂L/∂W‖, block 1 on top</source>
        <translation>log10 ‖∂L/∂W‖, Block 1 oben</translation>
    </message>
    <message>
        <source>last / first block: %1×</source>
        <translation>letzter / erster Block: %1×</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>validation, every 100 steps</source>
        <translation>Validierung, alle 100 Schritte</translation>
    </message>
    <message>
        <source>Gradients, plain</source>
        <translation>Gradienten, einfach</translation>
    </message>
    <message>
        <source>Gradients, residual</source>
        <translation>Gradienten, residual</translation>
    </message>
    <message>
        <source>Spread of the blocks&apos; outputs</source>
        <translation>Streuung je Block</translation>
    </message>
    <message>
        <source>std of each block&apos;s output, now</source>
        <translation>Std. der Ausgabe jedes Blocks, jetzt</translation>
    </message>
    <message>
        <source>suggested learning rate: %1 (halfway along the longest fall of the smoothed loss)</source>
        <translation>vorgeschlagene Lernrate: %1 (auf halbem Weg entlang des längsten Abfalls des geglätteten Verlusts)</translation>
    </message>
</context>
<context>
    <name>FileDialog</name>
    <message>
        <source>File name</source>
        <translation>Dateiname</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
</context>
<context>
    <name>GeneralizationPage</name>
    <message>
        <source>Decision boundary (2-D)</source>
        <translation>Entscheidungsgrenze (2-D)</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>click adds class %1</source>
        <translation>Klick setzt Klasse %1</translation>
    </message>
    <message>
        <source>Press Step</source>
        <translation>„Schritt“ drücken</translation>
    </message>
    <message>
        <source>training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>epoch %1 of %2</source>
        <translation>Epoche %1 von %2</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Size of each layer&apos;s weights ‖W‖</source>
        <translation>Größe der Gewichte jeder Schicht ‖W‖</translation>
    </message>
    <message>
        <source>no augmentation: always the same</source>
        <translation>keine Augmentierung: immer dasselbe</translation>
    </message>
    <message>
        <source>first the picture, then 7 random variants (%1)</source>
        <translation>zuerst das Bild, dann 7 zufällige Varianten (%1)</translation>
    </message>
    <message>
        <source>training %1 · validation %2 (gap %3)</source>
        <translation>Training %1 · Validierung %2 (Lücke %3)</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>%1 training points, %2 validation points</source>
        <translation>%1 Trainingspunkte, %2 Validierungspunkte</translation>
    </message>
    <message>
        <source>Loss after each epoch</source>
        <translation>Verlust nach jeder Epoche</translation>
    </message>
    <message>
        <source>%1 training pictures, 2000 validation pictures</source>
        <translation>%1 Trainingsbilder, 2000 Validierungsbilder</translation>
    </message>
    <message>
        <source>Left click adds a training point of this class (Shift+click: the other class).
Right click removes the nearest one.
Keys: Tab to the picture, the arrows move, Enter adds, Delete removes.</source>
        <translation>Linksklick fügt einen Trainingspunkt dieser Klasse hinzu (Umschalt+Klick: die andere Klasse).
Rechtsklick entfernt den nächsten.
Tastatur: Tab zum Bild, die Pfeiltasten bewegen, Enter fügt hinzu, Entf entfernt.</translation>
    </message>
</context>
<context>
    <name>GptPage</name>
    <message>
        <source>Learning to write</source>
        <translation>Schreiben lernen</translation>
    </message>
    <message>
        <source>Inside the model</source>
        <translation>Im Inneren des Modells</translation>
    </message>
    <message>
        <source>Loss, bits per character</source>
        <translation>Verlust, Bit pro Zeichen</translation>
    </message>
    <message>
        <source>Loss, nats per character</source>
        <translation>Verlust, Nats pro Zeichen</translation>
    </message>
    <message>
        <source>%1 parameters · %2 characters/s</source>
        <translation>%1 Parameter · %2 Zeichen/s</translation>
    </message>
    <message>
        <source>bits</source>
        <translation>Bit</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>Nats</translation>
    </message>
    <message>
        <source>Switch between nats (natural log) and bits (log base 2) per character</source>
        <translation>Zwischen Nats (natürlicher Logarithmus) und Bit (Logarithmus zur Basis 2) pro Zeichen umschalten</translation>
    </message>
    <message>
        <source>training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Samples written during training</source>
        <translation>Während des Trainings geschriebene Proben</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>No sample yet</source>
        <translation>Noch keine Probe</translation>
    </message>
    <message>
        <source>Next character</source>
        <translation>Nächstes Zeichen</translation>
    </message>
    <message>
        <source>after the prompt, as it would be drawn</source>
        <translation>nach dem Prompt, so wie es gezogen würde</translation>
    </message>
    <message>
        <source>Attention of layer</source>
        <translation>Attention der Schicht</translation>
    </message>
    <message>
        <source>Each row is a character looking back; the columns are the characters it looks at. Above the diagonal stays empty: the causal mask.</source>
        <translation>Jede Zeile ist ein Zeichen, das zurückblickt; die Spalten sind die Zeichen, auf die es schaut. Über der Diagonale bleibt alles leer: die kausale Maske.</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>Kopf %1</translation>
    </message>
    <message>
        <source>The characters&apos; embeddings, seen from their two main directions (PCA)</source>
        <translation>Die Einbettungen der Zeichen, aus ihren zwei Hauptrichtungen gesehen (PCA)</translation>
    </message>
    <message>
        <source>No embeddings yet</source>
        <translation>Noch keine Einbettungen</translation>
    </message>
    <message>
        <source>lower case, UPPER CASE, digits, other characters</source>
        <translation>Kleinbuchstaben, GROSSBUCHSTABEN, Ziffern, andere Zeichen</translation>
    </message>
    <message>
        <source>Writing now</source>
        <translation>Jetzt geschrieben</translation>
    </message>
    <message>
        <source>after the prompt in bold · temperature %1</source>
        <translation>nach dem fett gedruckten Prompt · Temperatur %1</translation>
    </message>
</context>
<context>
    <name>InitPage</name>
    <message>
        <source>Weights of a %1 × %2 layer: measured histogram and the scheme&apos;s density</source>
        <translation>Gewichte einer %1 × %2-Schicht: gemessenes Histogramm und Dichte des Schemas</translation>
    </message>
    <message>
        <source>Press Step</source>
        <translation>„Schritt“ drücken</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>σ %1 (theory %2)</source>
        <translation>σ %1 (Theorie %2)</translation>
    </message>
    <message>
        <source>Spread of the activations</source>
        <translation>Streuung der Aktivierungen</translation>
    </message>
    <message>
        <source>per layer, through %1</source>
        <translation>je Schicht, durch %1</translation>
    </message>
    <message>
        <source>Units that barely pass a gradient</source>
        <translation>Neuronen, die kaum Gradient durchlassen</translation>
    </message>
    <message>
        <source>per layer, |f′| &lt; %1</source>
        <translation>je Schicht, |f′| &lt; %1</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>gemessen</translation>
    </message>
    <message>
        <source>theory</source>
        <translation>Theorie</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Gradient Lab</source>
        <translation>Gradient Lab</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Save checkpoint…</source>
        <translation>Checkpoint &amp;speichern…</translation>
    </message>
    <message>
        <source>&amp;Load checkpoint…</source>
        <translation>Checkpoint &amp;laden…</translation>
    </message>
    <message>
        <source>&amp;Export all charts…</source>
        <translation>Alle Diagramme &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>Aus&amp;führen</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>Sc&amp;hritt</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Dark mode</source>
        <translation>&amp;Dunkler Modus</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Gradient Lab</source>
        <translation>Ü&amp;ber Gradient Lab</translation>
    </message>
    <message>
        <source>Save checkpoint</source>
        <translation>Checkpoint speichern</translation>
    </message>
    <message>
        <source>Gradient Lab checkpoints (*.safetensors)</source>
        <translation>Gradient-Lab-Checkpoints (*.safetensors)</translation>
    </message>
    <message>
        <source>Load checkpoint</source>
        <translation>Checkpoint laden</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgelaufen</translation>
    </message>
    <message>
        <source>About Gradient Lab</source>
        <translation>Über Gradient Lab</translation>
    </message>
    <message>
        <source>Gradient Lab lets you watch neural networks learn, on an engine of its own: tensors, autograd and optimizers that follow PyTorch, so every number can be checked against it.</source>
        <translation>Gradient Lab zeigt, wie neuronale Netze lernen – auf einer eigenen Engine: Tensoren, Autograd und Optimierer nach dem Vorbild von PyTorch, sodass sich jede Zahl daran überprüfen lässt.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>Export every chart of this lesson into a new folder</source>
        <translation>Alle Diagramme dieser Lektion in einen neuen Ordner exportieren</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Exported %1 files into %2</source>
        <translation>%1 Dateien nach %2 exportiert</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>&amp;Go back to an earlier step…</source>
        <translation>Zu einem &amp;früheren Schritt zurück…</translation>
    </message>
    <message>
        <source>&amp;Hide the earlier runs</source>
        <translation>Frühere Läufe &amp;ausblenden</translation>
    </message>
    <message>
        <source>Show the r&amp;uns</source>
        <translation>&amp;Läufe zeigen</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Runs (%1)</source>
        <translation>Läufe (%1)</translation>
    </message>
    <message>
        <source>&amp;Zoom</source>
        <translation>&amp;Zoom</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>The lab closes and opens again at %1 %. Every lesson&apos;s run is kept and goes on where it is.</source>
        <translation>Gradient Lab schließt sich und öffnet sich wieder mit %1 %. Der Lauf jeder Lektion bleibt erhalten und geht dort weiter, wo er steht.</translation>
    </message>
    <message>
        <source>The lab closes and opens again at %1 %. It keeps no runs (another Gradient Lab is open and keeps them), so this one&apos;s runs are lost.</source>
        <translation>Gradient Lab schließt sich und öffnet sich wieder mit %1 %. Es bewahrt keine Läufe auf (ein anderes Gradient Lab ist geöffnet und bewahrt sie auf), daher gehen die Läufe dieses Fensters verloren.</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Jetzt neu starten</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>&amp;Lessons and text</source>
        <translation>&amp;Lektionen und Text</translation>
    </message>
    <message>
        <source>&amp;Parameters and runs</source>
        <translation>&amp;Parameter und Läufe</translation>
    </message>
</context>
<context>
    <name>OptimizersPage</name>
    <message>
        <source>Click the map to start the race there.</source>
        <translation>In die Karte klicken, um das Rennen dort zu starten.</translation>
    </message>
    <message>
        <source>Show or hide %1 (its loss now)</source>
        <translation>%1 ein- oder ausblenden (aktueller Verlust)</translation>
    </message>
    <message>
        <source>Loss (distance to the minimum) per step</source>
        <translation>Verlust (Abstand zum Minimum) je Schritt</translation>
    </message>
    <message>
        <source>Rosenbrock valley</source>
        <translation>Rosenbrock-Tal</translation>
    </message>
    <message>
        <source>Beale surface</source>
        <translation>Beale-Fläche</translation>
    </message>
    <message>
        <source>Himmelblau surface (four minima)</source>
        <translation>Himmelblau-Fläche (vier Minima)</translation>
    </message>
    <message>
        <source>ill-conditioned bowl</source>
        <translation>schlecht konditionierte Schüssel</translation>
    </message>
    <message>
        <source>saddle</source>
        <translation>Sattel</translation>
    </message>
    <message>
        <source>The race on the %1</source>
        <translation>Rennen: %1</translation>
    </message>
</context>
<context>
    <name>ParamDelegate</name>
    <message>
        <source>Takes effect after a reset.</source>
        <translation>Wirkt erst nach dem Zurücksetzen.</translation>
    </message>
    <message>
        <source>reset to apply</source>
        <translation>Zurücksetzen nötig</translation>
    </message>
    <message>
        <source>on reset</source>
        <translation>bei Reset</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Back to the data set&apos;s images</source>
        <translation>Zurück zu den Bildern des Datensatzes</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Bilder (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>type here</source>
        <translation>hier tippen</translation>
    </message>
    <message>
        <source>Back to the built-in texts</source>
        <translation>Zurück zu den eingebauten Texten</translation>
    </message>
    <message>
        <source>Text files (*.txt *.md)</source>
        <translation>Textdateien (*.txt *.md)</translation>
    </message>
</context>
<context>
    <name>ParamPanel</name>
    <message>
        <source>Reset to apply</source>
        <translation>Zum Anwenden zurücksetzen</translation>
    </message>
    <message>
        <source>Some changes only take effect in a fresh run (R).</source>
        <translation>Manche Änderungen wirken erst in einem neuen Lauf (R).</translation>
    </message>
    <message>
        <source>Some changes wait for a reset.</source>
        <translation>Einige Änderungen warten auf einen Neustart.</translation>
    </message>
</context>
<context>
    <name>PredictionBars</name>
    <message>
        <source>No prediction yet</source>
        <translation>Noch keine Vorhersage</translation>
    </message>
</context>
<context>
    <name>RnnPage</name>
    <message>
        <source>RNN</source>
        <translation>RNN</translation>
    </message>
    <message>
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <source>GRU</source>
        <translation>GRU</translation>
    </message>
    <message>
        <source>hidden state h_t</source>
        <translation>verdeckter Zustand h_t</translation>
    </message>
    <message>
        <source>input gate i_t</source>
        <translation>Eingangsgate i_t</translation>
    </message>
    <message>
        <source>forget gate f_t</source>
        <translation>Vergessensgate f_t</translation>
    </message>
    <message>
        <source>output gate o_t</source>
        <translation>Ausgangsgate o_t</translation>
    </message>
    <message>
        <source>cell state c_t</source>
        <translation>Zellzustand c_t</translation>
    </message>
    <message>
        <source>reset gate r_t</source>
        <translation>Resetgate r_t</translation>
    </message>
    <message>
        <source>update gate z_t</source>
        <translation>Updategate z_t</translation>
    </message>
    <message>
        <source>The race</source>
        <translation>Das Rennen</translation>
    </message>
    <message>
        <source>Inside the cells</source>
        <translation>In den Zellen</translation>
    </message>
    <message>
        <source>Test accuracy (chance: 12.5 %)</source>
        <translation>Testgenauigkeit (Zufall: 12,5 %)</translation>
    </message>
    <message>
        <source>Test accuracy (|error| &lt; 0.04)</source>
        <translation>Testgenauigkeit (|Fehler| &lt; 0,04)</translation>
    </message>
    <message>
        <source>Test accuracy (|error| &lt; 0.1)</source>
        <translation>Testgenauigkeit (|Fehler| &lt; 0,1)</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>‖∂L/∂h_t‖ now: how far back the loss reaches</source>
        <translation>‖∂L/∂h_t‖ jetzt: wie weit der Verlust zurückreicht</translation>
    </message>
    <message>
        <source>%1: log₁₀ ‖∂L/∂h_t‖ over training</source>
        <translation>%1: log₁₀ ‖∂L/∂h_t‖ im Training</translation>
    </message>
    <message>
        <source>The example: each cell&apos;s probability for the first symbol, if asked at step t</source>
        <translation>Das Beispiel: die Wahrscheinlichkeit jeder Zelle für das erste Symbol, gefragt bei Schritt t</translation>
    </message>
    <message>
        <source>The example: marked numbers, the sum, and each cell&apos;s answer at step t</source>
        <translation>Das Beispiel: markierte Zahlen, die Summe und die Antwort jeder Zelle bei Schritt t</translation>
    </message>
    <message>
        <source>The example: the wave and each cell&apos;s prediction of its next value</source>
        <translation>Das Beispiel: die Welle und die Vorhersage jeder Zelle für ihren nächsten Wert</translation>
    </message>
    <message>
        <source>input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Look inside:</source>
        <translation>Hineinschauen:</translation>
    </message>
    <message>
        <source>16 of the cell&apos;s units (rows) along the example sequence (columns)</source>
        <translation>16 Einheiten der Zelle (Zeilen) entlang der Beispielfolge (Spalten)</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>Draw this group&apos;s mean and range on the charts</source>
        <translation>Mittelwert und Spannweite dieser Gruppe in die Diagramme zeichnen</translation>
    </message>
    <message>
        <source>Draw this run faded on the charts</source>
        <translation>Diesen Lauf blass in die Diagramme zeichnen</translation>
    </message>
    <message>
        <source>Name of the run</source>
        <translation>Name des Laufs</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>A folder with the files gradlab-cli writes and the run&apos;s changes (gradlab-cli replay runs it again)</source>
        <translation>Ein Ordner mit den Dateien, die gradlab-cli schreibt, und den Änderungen des Laufs (gradlab-cli replay wiederholt ihn)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Number of seeds</source>
        <translation>Anzahl der Seeds</translation>
    </message>
    <message>
        <source>Repeat with %1 seeds</source>
        <translation>Mit %1 Seeds wiederholen</translation>
    </message>
    <message>
        <source>This run again up to its step with other seeds, side by side on idle cores: the charts show their mean and range</source>
        <translation>Dieser Lauf noch einmal bis zu seinem Schritt mit anderen Seeds, nebeneinander auf freien Kernen: die Diagramme zeigen Mittelwert und Spannweite</translation>
    </message>
    <message>
        <source>Compare pictures…</source>
        <translation>Bilder vergleichen…</translation>
    </message>
    <message>
        <source>The pictures of two runs side by side</source>
        <translation>Die Bilder zweier Läufe nebeneinander</translation>
    </message>
    <message>
        <source>Load a run…</source>
        <translation>Lauf laden…</translation>
    </message>
    <message>
        <source>Run again what an exported run (its summary.json) or a checkpoint recorded</source>
        <translation>Wiederholt, was ein exportierter Lauf (seine summary.json) oder ein Checkpoint aufgezeichnet hat</translation>
    </message>
    <message>
        <source>Export the run into a new folder</source>
        <translation>Den Lauf in einen neuen Ordner exportieren</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Exported the run into %1</source>
        <translation>Lauf nach %1 exportiert</translation>
    </message>
    <message>
        <source>Load a run</source>
        <translation>Lauf laden</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>Exported runs (summary.json)</source>
        <translation>Exportierte Läufe (summary.json)</translation>
    </message>
    <message>
        <source>Gradient Lab checkpoints (*.safetensors)</source>
        <translation>Gradient-Lab-Checkpoints (*.safetensors)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>Seeds</translation>
    </message>
</context>
<context>
    <name>SaveAsDialog</name>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>Start / Pause</translation>
    </message>
    <message>
        <source>One step</source>
        <translation>Ein Schritt</translation>
    </message>
    <message>
        <source>Reset (a fresh run)</source>
        <translation>Zurücksetzen (neuer Lauf)</translation>
    </message>
    <message>
        <source>Save a checkpoint</source>
        <translation>Checkpoint speichern</translation>
    </message>
    <message>
        <source>Load a checkpoint</source>
        <translation>Checkpoint laden</translation>
    </message>
    <message>
        <source>Export every chart (PNG + CSV) to a folder</source>
        <translation>Alle Diagramme (PNG + CSV) in einen Ordner exportieren</translation>
    </message>
    <message>
        <source>Open lesson 1…9</source>
        <translation>Lektion 1…9 öffnen</translation>
    </message>
    <message>
        <source>Dark / light mode</source>
        <translation>Dunkler / heller Modus</translation>
    </message>
    <message>
        <source>This overview</source>
        <translation>Diese Übersicht</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Open lesson 10</source>
        <translation>Lektion 10 öffnen</translation>
    </message>
    <message>
        <source>In the lesson&apos;s text: from link to link (Enter: to its parameter)</source>
        <translation>Im Text der Lektion: von Link zu Link (Enter: zur Einstellung)</translation>
    </message>
    <message>
        <source>The keyboard to the next part of the window</source>
        <translation>Die Tastatur zum nächsten Teil des Fensters</translation>
    </message>
    <message>
        <source>The keyboard to the part before</source>
        <translation>Die Tastatur zum Teil davor</translation>
    </message>
    <message>
        <source>Full screen / window</source>
        <translation>Vollbild / Fenster</translation>
    </message>
    <message>
        <source>On the page: to a chart, whose values the arrow keys then read</source>
        <translation>Auf der Seite: zu einem Diagramm, dessen Werte dann die Pfeiltasten ablesen</translation>
    </message>
    <message>
        <source>On a line chart: zoom in (or drag across it) / show all of it (or double-click)</source>
        <translation>Auf einem Liniendiagramm: vergrößern (oder darüber ziehen) / alles zeigen (oder Doppelklick)</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>How fast the network trains on this computer. Larger settings (more layers or units, longer sequences, bigger batches) make every step slower; the window stays usable meanwhile, and a change you make is taken at the next step.</source>
        <translation>Wie schnell das Netz auf diesem Computer lernt. Größere Einstellungen (mehr Schichten oder Einheiten, längere Folgen, größere Batches) machen jeden Schritt langsamer; das Fenster bleibt dabei bedienbar, und eine Änderung wird beim nächsten Schritt übernommen.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>Gradient Lab</source>
        <translation>Gradient Lab</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Start or pause training (Space)</source>
        <translation>Training starten oder pausieren (Leertaste)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>One step (Right arrow)</source>
        <translation>Ein Schritt (Pfeil rechts)</translation>
    </message>
    <message>
        <source>Steps to run</source>
        <translation>Anzahl Schritte</translation>
    </message>
    <message>
        <source>How many steps “Run N” takes</source>
        <translation>Wie viele Schritte „N ausführen“ macht</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>A fresh run with the current parameters (R)</source>
        <translation>Neuer Lauf mit den aktuellen Parametern (R)</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max.</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>Zufalls-Seed</translation>
    </message>
    <message>
        <source>The same seed gives the same run</source>
        <translation>Gleicher Seed, gleicher Lauf</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Go back…</source>
        <translation>Zurück…</translation>
    </message>
    <message>
        <source>Back to an earlier step, to try something else from there</source>
        <translation>Zu einem früheren Schritt zurück, um von dort etwas anderes zu versuchen</translation>
    </message>
    <message>
        <source>Go back to step %1 and carry on from there: change a parameter and press Play. The run so far stays on the line charts, faded.</source>
        <translation>Zu Schritt %1 zurückgehen und von dort weitermachen: einen Parameter ändern und „Start“ drücken. Der bisherige Lauf bleibt blass in den Liniendiagrammen.</translation>
    </message>
    <message>
        <source>Step to go back to</source>
        <translation>Schritt, zu dem es zurückgeht</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Go back to step %1</source>
        <translation>Zurück zu Schritt %1</translation>
    </message>
    <message>
        <source>Hide earlier runs</source>
        <translation>Frühere Läufe ausblenden</translation>
    </message>
    <message>
        <source>The faded lines of the runs you went back from (the Runs tab shows them again)</source>
        <translation>Die blassen Linien der Läufe, von denen aus du zurückgegangen bist (der Reiter Läufe zeigt sie wieder)</translation>
    </message>
    <message>
        <source>Run %1</source>
        <comment>the button: run this many steps</comment>
        <translation>%1 ausführen</translation>
    </message>
</context>
<context>
    <name>VitPage</name>
    <message>
        <source>Image → patches</source>
        <translation>Bild → Patches</translation>
    </message>
    <message>
        <source>Training and attention</source>
        <translation>Training und Aufmerksamkeit</translation>
    </message>
    <message>
        <source>The picture cut into %1 × %1 patches</source>
        <translation>Das Bild, zerlegt in %1 × %1 Patches</translation>
    </message>
    <message>
        <source>…read as a sequence of %1 tokens (after the CLS token)</source>
        <translation>…gelesen als Folge von %1 Tokens (nach dem CLS-Token)</translation>
    </message>
    <message>
        <source>The CLS token: a learned vector of 64 numbers put before the patches (it starts at zero)</source>
        <translation>Das CLS-Token: ein gelernter Vektor aus 64 Zahlen vor den Patches (anfangs null)</translation>
    </message>
    <message>
        <source>Learned positions: how alike each patch&apos;s position vector is to the others&apos;</source>
        <translation>Gelernte Positionen: wie ähnlich der Positionsvektor jedes Patches den anderen ist</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>Validierungsgenauigkeit</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>Testgenauigkeit</translation>
    </message>
    <message>
        <source>CLS attention</source>
        <translation>CLS-Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Each head (last layer)</source>
        <translation>Jeder Kopf (letzte Schicht)</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>Kopf %1</translation>
    </message>
    <message>
        <source>Appears with the first pass over the validation images.</source>
        <translation>Erscheint nach dem ersten Durchlauf über die Validierungsbilder.</translation>
    </message>
</context>
<context>
    <name>activations</name>
    <message>
        <source>x range</source>
        <translation>x-Bereich</translation>
    </message>
    <message>
        <source>The curves are drawn from -range to +range.</source>
        <translation>Die Kurven reichen von -Bereich bis +Bereich.</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>How many x values the curves are sampled at.</source>
        <translation>An wie vielen x-Werten die Kurven abgetastet werden.</translation>
    </message>
    <message>
        <source>leaky ReLU slope</source>
        <translation>Leaky-ReLU-Steigung</translation>
    </message>
    <message>
        <source>Slope of leaky ReLU for negative inputs.</source>
        <translation>Steigung von Leaky ReLU für negative Eingaben.</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>Formen</translation>
    </message>
    <message>
        <source>ELU alpha</source>
        <translation>ELU-alpha</translation>
    </message>
    <message>
        <source>ELU approaches -alpha for very negative inputs.</source>
        <translation>ELU nähert sich für stark negative Eingaben -alpha.</translation>
    </message>
    <message>
        <source>softplus beta</source>
        <translation>softplus-beta</translation>
    </message>
    <message>
        <source>Larger beta makes softplus closer to ReLU.</source>
        <translation>Größeres beta bringt softplus näher an ReLU.</translation>
    </message>
    <message>
        <source>GELU form</source>
        <translation>GELU-Form</translation>
    </message>
    <message>
        <source>Exact (with erf) or the tanh approximation.</source>
        <translation>Exakt (mit erf) oder die tanh-Näherung.</translation>
    </message>
    <message>
        <source>hidden layers</source>
        <translation>verdeckte Schichten</translation>
    </message>
    <message>
        <source>Number of hidden layers of each network.</source>
        <translation>Anzahl verdeckter Schichten jedes Netzes.</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Units per hidden layer.</source>
        <translation>Neuronen je verdeckter Schicht.</translation>
    </message>
    <message>
        <source>weight init</source>
        <translation>Initialisierung</translation>
    </message>
    <message>
        <source>How the weights start: PyTorch&apos;s Linear default, or a torch.nn.init scheme.</source>
        <translation>Startwerte der Gewichte: PyTorchs Linear-Standard oder ein torch.nn.init-Schema.</translation>
    </message>
    <message>
        <source>Points of the two-spiral data set (trained on all at once).</source>
        <translation>Punkte des Zwei-Spiralen-Datensatzes (alle auf einmal trainiert).</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>SGD step size of every network.</source>
        <translation>SGD-Schrittweite jedes Netzes.</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>layer (1 = next to the input)</source>
        <translation>Schicht (1 = am Eingang)</translation>
    </message>
    <message>
        <source>f(x) and f′(x)</source>
        <translation>f(x) und f′(x)</translation>
    </message>
    <message>
        <source>Gradient norm per layer, at initialisation</source>
        <translation>Gradientennorm je Schicht, bei Initialisierung</translation>
    </message>
    <message>
        <source>Gradient norm per layer, now</source>
        <translation>Gradientennorm je Schicht, jetzt</translation>
    </message>
    <message>
        <source>Training loss on two spirals</source>
        <translation>Trainingsverlust auf zwei Spiralen</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>Kreuzentropie</translation>
    </message>
    <message>
        <source>Training accuracy on two spirals</source>
        <translation>Trainingsgenauigkeit auf zwei Spiralen</translation>
    </message>
    <message>
        <source>Share of ReLU units that never fire</source>
        <translation>Anteil der ReLU-Einheiten, die nie feuern</translation>
    </message>
    <message>
        <source>loss of the ReLU net</source>
        <translation>Verlust des ReLU-Netzes</translation>
    </message>
    <message>
        <source>data points</source>
        <translation>Datenpunkte</translation>
    </message>
    <message>
        <source>exact (erf)</source>
        <translation>exakt (erf)</translation>
    </message>
    <message>
        <source>tanh approximation</source>
        <translation>tanh-Näherung</translation>
    </message>
    <message>
        <source>PyTorch&apos;s default</source>
        <translation>PyTorch-Standard</translation>
    </message>
</context>
<context>
    <name>attention</name>
    <message>
        <source>Attention by hand</source>
        <translation>Aufmerksamkeit von Hand</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Transformer</source>
        <translation>Transformer</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>How many tokens the worked example has.</source>
        <translation>Wie viele Tokens das Rechenbeispiel hat.</translation>
    </message>
    <message>
        <source>d_k</source>
        <translation>d_k</translation>
    </message>
    <message>
        <source>Length of the query and key vectors.</source>
        <translation>Länge der Query- und Key-Vektoren.</translation>
    </message>
    <message>
        <source>scale by 1/√d_k</source>
        <translation>mit 1/√d_k skalieren</translation>
    </message>
    <message>
        <source>Divide the scores by √d_k before the softmax.</source>
        <translation>Die Scores vor der Softmax durch √d_k teilen.</translation>
    </message>
    <message>
        <source>causal mask</source>
        <translation>kausale Maske</translation>
    </message>
    <message>
        <source>Each token may only look at itself and the tokens before it.</source>
        <translation>Jedes Token darf nur auf sich selbst und die Tokens davor schauen.</translation>
    </message>
    <message>
        <source>task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>reverse: output i is input n-1-i; sort: the digits in order; copy-shift: every digit one place to the right (the last wraps around).</source>
        <translation>reverse: Ausgabe i ist Eingabe n-1-i; sort: die Ziffern der Größe nach; copy-shift: jede Ziffer eine Stelle nach rechts (die letzte rückt an den Anfang).</translation>
    </message>
    <message>
        <source>sequence length</source>
        <translation>Sequenzlänge</translation>
    </message>
    <message>
        <source>Digits per sequence.</source>
        <translation>Ziffern je Sequenz.</translation>
    </message>
    <message>
        <source>training steps</source>
        <translation>Trainingsschritte</translation>
    </message>
    <message>
        <source>Batches of 64 sequences to train on; the run stops after them.</source>
        <translation>Batches zu je 64 Folgen zum Trainieren; danach hält der Lauf an.</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Encoder layers.</source>
        <translation>Encoder-Schichten.</translation>
    </message>
    <message>
        <source>heads</source>
        <translation>Köpfe</translation>
    </message>
    <message>
        <source>Attention heads per layer (each looks with 32/heads dimensions).</source>
        <translation>Aufmerksamkeitsköpfe je Schicht (jeder schaut mit 32/Köpfe Dimensionen).</translation>
    </message>
    <message>
        <source>positions</source>
        <translation>Positionen</translation>
    </message>
    <message>
        <source>Sinusoidal (fixed) or learned position vectors.</source>
        <translation>Positionsvektoren: sinusoidal (fest) oder learned (gelernt).</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Adam&apos;s step size.</source>
        <translation>Schrittweite von Adam.</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Queries q</source>
        <translation>Queries q</translation>
    </message>
    <message>
        <source>Keys k</source>
        <translation>Keys k</translation>
    </message>
    <message>
        <source>Scores q · k</source>
        <translation>Scores q · k</translation>
    </message>
    <message>
        <source>Scores into the softmax</source>
        <translation>Scores vor dem Softmax</translation>
    </message>
    <message>
        <source>Weights: softmax</source>
        <translation>Gewichte: Softmax</translation>
    </message>
    <message>
        <source>Values v</source>
        <translation>Werte v</translation>
    </message>
    <message>
        <source>Weights × v</source>
        <translation>Gewichte × v</translation>
    </message>
    <message>
        <source>Mean largest weight</source>
        <translation>Mittleres größtes Gewicht</translation>
    </message>
    <message>
        <source>Spread (std) of the scores</source>
        <translation>Streuung (Std.) der Scores</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Tokens right</source>
        <translation>Richtige Tokens</translation>
    </message>
    <message>
        <source>Sequences right</source>
        <translation>Richtige Folgen</translation>
    </message>
    <message>
        <source>Weight on the mirrored position (reverse)</source>
        <translation>Gewicht auf der gespiegelten Position (reverse)</translation>
    </message>
    <message>
        <source>Attention of a layer&apos;s head</source>
        <translation>Attention eines Kopfes einer Schicht</translation>
    </message>
    <message>
        <source>key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>query</source>
        <translation>Query</translation>
    </message>
    <message>
        <source>Position vectors</source>
        <translation>Positionsvektoren</translation>
    </message>
    <message>
        <source>An example: input, target and prediction</source>
        <translation>Ein Beispiel: Eingabe, Ziel und Vorhersage</translation>
    </message>
    <message>
        <source>token accuracy</source>
        <translation>Token-Genauigkeit</translation>
    </message>
    <message>
        <source>reverse</source>
        <translation>umkehren</translation>
    </message>
    <message>
        <source>sort</source>
        <translation>sortieren</translation>
    </message>
    <message>
        <source>shift by one</source>
        <translation>um eins verschieben</translation>
    </message>
    <message>
        <source>sinusoidal (fixed)</source>
        <translation>sinusförmig (fest)</translation>
    </message>
    <message>
        <source>learned</source>
        <translation>gelernt</translation>
    </message>
    <message>
        <source>dimension</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <source>position</source>
        <translation>Position</translation>
    </message>
</context>
<context>
    <name>classes</name>
    <message>
        <source>T-shirt/top</source>
        <translation>T-Shirt/Top</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>Hose</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>Pullover</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>Kleid</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>Mantel</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>Sandale</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>Hemd</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>Sneaker</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>Tasche</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>Stiefelette</translation>
    </message>
    <message>
        <source>horizontal bar</source>
        <translation>waagrechter Balken</translation>
    </message>
    <message>
        <source>vertical bar</source>
        <translation>senkrechter Balken</translation>
    </message>
    <message>
        <source>diagonal bar</source>
        <translation>schräger Balken</translation>
    </message>
    <message>
        <source>disc</source>
        <translation>Scheibe</translation>
    </message>
    <message>
        <source>ring</source>
        <translation>Ring</translation>
    </message>
    <message>
        <source>square</source>
        <translation>Quadrat</translation>
    </message>
    <message>
        <source>plus</source>
        <translation>Plus</translation>
    </message>
    <message>
        <source>triangle</source>
        <translation>Dreieck</translation>
    </message>
    <message>
        <source>two dots</source>
        <translation>zwei Punkte</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
</context>
<context>
    <name>cnn</name>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Network and training</source>
        <translation>Netz und Training</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>validation images</source>
        <translation>Validierungsbilder</translation>
    </message>
    <message>
        <source>Training images held out to measure generalisation at each epoch end (at most a sixth of the set; 0: none).</source>
        <translation>Zurückgehaltene Trainingsbilder, an denen am Ende jeder Epoche die Generalisierung gemessen wird (höchstens ein Sechstel der Menge; 0: keine).</translation>
    </message>
    <message>
        <source>augmentation</source>
        <translation>Augmentierung</translation>
    </message>
    <message>
        <source>Random shifts by up to 2 pixels (and mirror images of clothes) while training.</source>
        <translation>Zufällige Verschiebungen um bis zu 2 Pixel (und Spiegelbilder von Kleidung) beim Training.</translation>
    </message>
    <message>
        <source>variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>relu_maxpool: the modern LeNet-5; tanh_avgpool: LeCun&apos;s 1998 original.</source>
        <translation>relu_maxpool: das moderne LeNet-5; tanh_avgpool: LeCuns Original von 1998.</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>Optimierer</translation>
    </message>
    <message>
        <source>The update rule (momentum: SGD with momentum 0.9).</source>
        <translation>Die Aktualisierungsregel (momentum: SGD mit Momentum 0,9).</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Step size of the optimizer.</source>
        <translation>Schrittweite des Optimierers.</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Images per training step.</source>
        <translation>Bilder je Trainingsschritt.</translation>
    </message>
    <message>
        <source>test image</source>
        <translation>Testbild</translation>
    </message>
    <message>
        <source>Which test image the feature maps and the prediction show.</source>
        <translation>Welches Testbild die Merkmalskarten und die Vorhersage zeigen.</translation>
    </message>
    <message>
        <source>your image</source>
        <translation>eigenes Bild</translation>
    </message>
    <message>
        <source>A PNG or JPEG of your own, shown instead of the test image (grayscale, resized and centred like the data set).</source>
        <translation>Ein eigenes PNG oder JPEG, das statt des Testbilds gezeigt wird (in Graustufen, skaliert und zentriert wie der Datensatz).</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Accuracy on the training batch</source>
        <translation>Genauigkeit auf dem Trainings-Batch</translation>
    </message>
    <message>
        <source>The picture</source>
        <translation>Das Bild</translation>
    </message>
    <message>
        <source>Four 3 × 3 filters</source>
        <translation>Vier 3 × 3-Filter</translation>
    </message>
    <message>
        <source>The picture through each filter (convolution)</source>
        <translation>Das Bild durch jeden Filter (Faltung)</translation>
    </message>
    <message>
        <source>A 6 × 6 grid</source>
        <translation>Ein 6 × 6-Raster</translation>
    </message>
    <message>
        <source>2 × 2 max pooling</source>
        <translation>2 × 2-Max-Pooling</translation>
    </message>
    <message>
        <source>2 × 2 average pooling</source>
        <translation>2 × 2-Mittelwert-Pooling</translation>
    </message>
    <message>
        <source>Conv 1 filters</source>
        <translation>Conv-1-Filter</translation>
    </message>
    <message>
        <source>The picture the network sees (32 × 32)</source>
        <translation>Das Bild, wie das Netz es sieht (32 × 32)</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>Feature-Maps</translation>
    </message>
    <message>
        <source>Confusion (test)</source>
        <translation>Konfusionsmatrix (Test)</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>vorhergesagt</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>wahre Klasse</translation>
    </message>
    <message>
        <source>Input and prediction</source>
        <translation>Eingabe und Vorhersage</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>ReLU, max pooling</source>
        <translation>ReLU, Max-Pooling</translation>
    </message>
    <message>
        <source>1998: tanh, average pooling</source>
        <translation>1998: tanh, Average-Pooling</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>SGD mit Momentum</translation>
    </message>
</context>
<context>
    <name>deep</name>
    <message>
        <source>Networks</source>
        <translation>Netze</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>blocks</source>
        <translation>Blöcke</translation>
    </message>
    <message>
        <source>Depth of both stacks: blocks of a layer, optional norm and ReLU, with or without the shortcut.</source>
        <translation>Tiefe beider Stapel: Blöcke aus einer Schicht, optionaler Normalisierung und ReLU, mit oder ohne Abkürzung.</translation>
    </message>
    <message>
        <source>width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Units per block of the MLP (the CNN has 16 channels).</source>
        <translation>Einheiten pro Block des MLP (das CNN hat 16 Kanäle).</translation>
    </message>
    <message>
        <source>blocks of</source>
        <translation>Blöcke aus</translation>
    </message>
    <message>
        <source>mlp: Linear layers; cnn: 3×3 convolutions on 14×14 maps (slow at depth).</source>
        <translation>mlp: lineare Schichten; cnn: 3×3-Faltungen auf 14×14-Karten (langsam bei großer Tiefe).</translation>
    </message>
    <message>
        <source>normalisation</source>
        <translation>Normalisierung</translation>
    </message>
    <message>
        <source>BatchNorm or LayerNorm in every block, before the ReLU.</source>
        <translation>BatchNorm oder LayerNorm in jedem Block, vor der ReLU.</translation>
    </message>
    <message>
        <source>data set</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Fashion-MNIST, or the synthetic shapes (no files needed).</source>
        <translation>Fashion-MNIST oder die synthetischen Formen (keine Dateien nötig).</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Adam&apos;s base learning rate, which the schedule then changes.</source>
        <translation>Adams Grundlernrate, die der Zeitplan dann verändert.</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Length of the run: the schedules are drawn over it, and the run stops there.</source>
        <translation>Länge des Laufs: Die Zeitpläne werden darüber gezeichnet, und der Lauf endet dort.</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>How the learning rate changes over the run (torch.optim.lr_scheduler).</source>
        <translation>Wie sich die Lernrate über den Lauf ändert (torch.optim.lr_scheduler).</translation>
    </message>
    <message>
        <source>step every</source>
        <translation>Stufe alle</translation>
    </message>
    <message>
        <source>factor</source>
        <translation>Faktor</translation>
    </message>
    <message>
        <source>The learning rate is multiplied by this at every step of the schedule.</source>
        <translation>Die Lernrate wird bei jeder Stufe des Zeitplans damit multipliziert.</translation>
    </message>
    <message>
        <source>factor per step</source>
        <translation>Faktor pro Schritt</translation>
    </message>
    <message>
        <source>warm-up</source>
        <translation>Aufwärmen</translation>
    </message>
    <message>
        <source>Steps over which the learning rate climbs from almost 0 to its base value.</source>
        <translation>Schritte, über die die Lernrate von fast 0 auf ihren Grundwert steigt.</translation>
    </message>
    <message>
        <source>peak learning rate</source>
        <translation>Spitzenlernrate</translation>
    </message>
    <message>
        <source>share of the run climbing</source>
        <translation>Anteil des Anstiegs am Lauf</translation>
    </message>
    <message>
        <source>The learning rate is multiplied by this when the smoothed loss of the residual net stops falling.</source>
        <translation>Die Lernrate wird damit multipliziert, wenn der geglättete Verlust des Residualnetzes nicht mehr sinkt.</translation>
    </message>
    <message>
        <source>patience</source>
        <translation>Geduld</translation>
    </message>
    <message>
        <source>LR range test first</source>
        <translation>zuerst LR-Range-Test</translation>
    </message>
    <message>
        <source>Runs the LR range test once on the initial weights before training.</source>
        <translation>Führt den LR-Range-Test einmal mit den Anfangsgewichten vor dem Training aus.</translation>
    </message>
    <message>
        <source>Run the LR range test</source>
        <translation>LR-Range-Test starten</translation>
    </message>
    <message>
        <source>Trains a copy of the residual net 200 steps with the learning rate growing from 1e-6 to 1 and suggests one.</source>
        <translation>Trainiert eine Kopie des Residualnetzes 200 Schritte mit einer Lernrate, die von 1e-6 auf 1 wächst, und schlägt eine vor.</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>Kreuzentropie</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>Validierungsgenauigkeit</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Gradient norm of the last block / the first</source>
        <translation>Gradientennorm des letzten Blocks / des ersten</translation>
    </message>
    <message>
        <source>Suggested learning rate</source>
        <translation>Vorgeschlagene Lernrate</translation>
    </message>
    <message>
        <source>Gradient norm of every block (log10)</source>
        <translation>Gradientennorm jedes Blocks (log10)</translation>
    </message>
    <message>
        <source>Spread of every block&apos;s output</source>
        <translation>Streuung der Ausgabe jedes Blocks</translation>
    </message>
    <message>
        <source>block</source>
        <translation>Block</translation>
    </message>
    <message>
        <source>std</source>
        <translation>Std.</translation>
    </message>
    <message>
        <source>The learning rate over the run</source>
        <translation>Die Lernrate über den Lauf</translation>
    </message>
    <message>
        <source>LR range test</source>
        <translation>LR-Range-Test</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>The plain network</source>
        <translation>Das einfache Netz</translation>
    </message>
    <message>
        <source>The residual network</source>
        <translation>Das Residualnetz</translation>
    </message>
    <message>
        <source>residual net&apos;s loss</source>
        <translation>Verlust des Residualnetzes</translation>
    </message>
    <message>
        <source>training steps</source>
        <translation>Trainingsschritte</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>synthetic shapes</source>
        <translation>synthetische Formen</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>konstant</translation>
    </message>
    <message>
        <source>in steps</source>
        <translation>in Stufen</translation>
    </message>
    <message>
        <source>exponential decay</source>
        <translation>exponentiell fallend</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <source>warm-up + cosine</source>
        <translation>Aufwärmen + Kosinus</translation>
    </message>
    <message>
        <source>one cycle</source>
        <translation>One-Cycle</translation>
    </message>
    <message>
        <source>lower on a plateau</source>
        <translation>auf einem Plateau senken</translation>
    </message>
    <message>
        <source>linear layers</source>
        <translation>Linear-Schichten</translation>
    </message>
    <message>
        <source>3×3 convolutions</source>
        <translation>3×3-Faltungen</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>could not decode %1 as PNG or JPEG (%2)</source>
        <translation>%1 ließ sich nicht als PNG oder JPEG lesen (%2)</translation>
    </message>
    <message>
        <source>the PNG header is missing or cut short</source>
        <translation>der PNG-Kopf fehlt oder ist abgeschnitten</translation>
    </message>
    <message>
        <source>a JPEG segment is malformed</source>
        <translation>ein JPEG-Segment ist fehlerhaft</translation>
    </message>
    <message>
        <source>the JPEG has no frame header</source>
        <translation>dem JPEG fehlt der Frame-Kopf</translation>
    </message>
    <message>
        <source>the JPEG is cut short before its frame header</source>
        <translation>das JPEG endet vor seinem Frame-Kopf</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>die Datei ist leer</translation>
    </message>
    <message>
        <source>it is neither: no PNG or JPEG signature</source>
        <translation>es ist keins von beiden: keine PNG- oder JPEG-Signatur</translation>
    </message>
    <message>
        <source>image %1 not found</source>
        <translation>Bild %1 nicht gefunden</translation>
    </message>
    <message>
        <source>cannot open image %1: %2</source>
        <translation>Bild %1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>%1 is a folder, not an image</source>
        <translation>%1 ist ein Ordner, kein Bild</translation>
    </message>
    <message>
        <source>image %1 is %2 bytes, more than the %3 we read</source>
        <translation>Bild %1 hat %2 Bytes, mehr als die %3, die wir lesen</translation>
    </message>
    <message>
        <source>image %1 is %2x%3 = %4 pixels, more than the %5 we decode</source>
        <translation>Bild %1 hat %2x%3 = %4 Pixel, mehr als die %5, die wir dekodieren</translation>
    </message>
    <message>
        <source>the data is corrupt</source>
        <translation>die Daten sind beschädigt</translation>
    </message>
    <message>
        <source>the image is blank: nothing stands out from its light background</source>
        <translation>das Bild ist leer: Nichts hebt sich von seinem hellen Hintergrund ab</translation>
    </message>
    <message>
        <source>the image is blank: nothing stands out from its dark background</source>
        <translation>das Bild ist leer: Nichts hebt sich von seinem dunklen Hintergrund ab</translation>
    </message>
    <message>
        <source>gpt: the text is too short: training and validation need %1 characters each, the split gave %2 and %3</source>
        <translation>gpt: Der Text ist zu kurz: Training und Validierung brauchen je %1 Zeichen, die Aufteilung ergab %2 und %3</translation>
    </message>
    <message>
        <source>gpt: the text has %1 different characters; at most %2 are supported</source>
        <translation>gpt: Der Text hat %1 verschiedene Zeichen; höchstens %2 werden unterstützt</translation>
    </message>
    <message>
        <source>gpt: the validation text is too short (%1 characters)</source>
        <translation>gpt: Der Validierungstext ist zu kurz (%1 Zeichen)</translation>
    </message>
    <message>
        <source>gpt: choose a text file to train on (or pick the fortunes)</source>
        <translation>gpt: Wähle eine Textdatei zum Trainieren (oder die fortunes)</translation>
    </message>
    <message>
        <source>gpt: the file %1 does not exist</source>
        <translation>gpt: Die Datei %1 gibt es nicht</translation>
    </message>
    <message>
        <source>gpt: %1 is not a regular file</source>
        <translation>gpt: %1 ist keine normale Datei</translation>
    </message>
    <message>
        <source>gpt: cannot read %1</source>
        <translation>gpt: %1 lässt sich nicht lesen</translation>
    </message>
    <message>
        <source>gpt: the file %1 is empty</source>
        <translation>gpt: Die Datei %1 ist leer</translation>
    </message>
    <message>
        <source>gpt: the file %1 has %2 MB; the lesson trains on texts of at most %3 MB</source>
        <translation>gpt: Die Datei %1 hat %2 MB; die Lektion trainiert auf Texten von höchstens %3 MB</translation>
    </message>
    <message>
        <source>gpt: %1 is not a UTF-8 text file (a binary file, or another encoding)</source>
        <translation>gpt: %1 ist keine UTF-8-Textdatei (eine Binärdatei oder eine andere Kodierung)</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 lässt sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>cannot read %1: it is a directory</source>
        <translation>%1 lässt sich nicht lesen: Es ist ein Ordner</translation>
    </message>
    <message>
        <source>cannot read %1: it is not a regular file</source>
        <translation>%1 lässt sich nicht lesen: Es ist keine normale Datei</translation>
    </message>
    <message>
        <source>%1 is not a Gradient Lab checkpoint: its metadata has no &quot;%2&quot;</source>
        <translation>%1 ist kein Checkpoint von Gradient Lab: Seinen Metadaten fehlt „%2“</translation>
    </message>
    <message>
        <source>%1 is not a Gradient Lab checkpoint: its format is &quot;%2&quot;, expected &quot;%3&quot;</source>
        <translation>%1 ist kein Checkpoint von Gradient Lab: Sein Format ist „%2“, erwartet wird „%3“</translation>
    </message>
    <message>
        <source>checkpoint %1 has version &quot;%2&quot;; this build reads version %3</source>
        <translation>Der Checkpoint %1 hat die Version „%2“; diese Version des Labors liest Version %3</translation>
    </message>
    <message>
        <source>checkpoint %1 is for lesson &quot;%2&quot;, not &quot;%3&quot;</source>
        <translation>Der Checkpoint %1 gehört zur Lektion „%2“, nicht zu „%3“</translation>
    </message>
    <message>
        <source>%1 is not a valid safetensors file: it does not begin like one (is it a picture, a text or another kind of file?)</source>
        <translation>%1 ist keine gültige safetensors-Datei: Sie beginnt nicht wie eine (ist sie ein Bild, ein Text oder eine andere Art von Datei?)</translation>
    </message>
    <message>
        <source>%1 is not a valid safetensors file: it ends before the data its header announces (was it cut short while being copied or downloaded?)</source>
        <translation>%1 ist keine gültige safetensors-Datei: Sie endet vor den Daten, die ihr Kopf ankündigt (wurde sie beim Kopieren oder Herunterladen abgeschnitten?)</translation>
    </message>
    <message>
        <source>%1 is not a valid safetensors file: its header does not describe its data (the file is damaged)</source>
        <translation>%1 ist keine gültige safetensors-Datei: Ihr Kopf beschreibt ihre Daten nicht (die Datei ist beschädigt)</translation>
    </message>
    <message>
        <source>%1 holds tensors of type %2 (tensor &quot;%3&quot;): the lab reads float32 (F32) tensors only</source>
        <translation>%1 enthält Tensoren vom Typ %2 (Tensor „%3“): Das Labor liest nur float32-Tensoren (F32)</translation>
    </message>
    <message>
        <source>%1: the checkpoint does not fit this lesson (it may come from another version of the lab, or have been changed)</source>
        <translation>%1: Der Checkpoint passt nicht zu dieser Lektion (er stammt vielleicht aus einer anderen Version des Labors oder wurde verändert)</translation>
    </message>
    <message>
        <source>%1 is not a Gradient Lab checkpoint: it names no lesson</source>
        <translation>%1 ist kein Checkpoint von Gradient Lab: Er nennt keine Lektion</translation>
    </message>
    <message>
        <source>checkpoint %1 is damaged: its settings cannot be read</source>
        <translation>Der Checkpoint %1 ist beschädigt: Seine Einstellungen lassen sich nicht lesen</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 lässt sich nicht schreiben: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2 (the old file is unchanged)</source>
        <translation>%1 lässt sich nicht schreiben: %2 (die alte Datei ist unverändert)</translation>
    </message>
    <message>
        <source>the system does not allow it (permissions)</source>
        <translation>Das System erlaubt es nicht (Zugriffsrechte)</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>Der Datenträger ist voll</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>Der Datenträger ist schreibgeschützt</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>Diese Datei oder dieser Ordner existiert nicht</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>Ein Teil des Pfads ist kein Ordner</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>Der Name ist zu lang</translation>
    </message>
    <message>
        <source>the file would be too large</source>
        <translation>Die Datei würde zu groß</translation>
    </message>
    <message>
        <source>the disk reported an error</source>
        <translation>Der Datenträger meldet einen Fehler</translation>
    </message>
    <message>
        <source>cannot write %1: it is a directory</source>
        <translation>%1 lässt sich nicht schreiben: Es ist ein Ordner</translation>
    </message>
    <message>
        <source>cannot write %1: it is not a regular file</source>
        <translation>%1 lässt sich nicht schreiben: Es ist keine normale Datei</translation>
    </message>
    <message>
        <source>cannot read %1: it became shorter while it was read (did something change it?)</source>
        <translation>%1 lässt sich nicht lesen: Die Datei wurde beim Lesen kürzer (hat etwas sie verändert?)</translation>
    </message>
    <message>
        <source>cannot read %1: it is %2 bytes, more than the limit of %3</source>
        <translation>%1 lässt sich nicht lesen: Sie ist %2 Bytes groß, mehr als die Grenze von %3</translation>
    </message>
    <message>
        <source>the folder %1 is not writable: %2</source>
        <translation>In den Ordner %1 lässt sich nicht schreiben: %2</translation>
    </message>
</context>
<context>
    <name>generalization</name>
    <message>
        <source>Regularisation</source>
        <translation>Regularisierung</translation>
    </message>
    <message>
        <source>Points (2-D)</source>
        <translation>Punkte (2-D)</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>weight decay (L2)</source>
        <translation>Weight Decay (L2)</translation>
    </message>
    <message>
        <source>Adam&apos;s weight decay: weight_decay × w is added to every parameter&apos;s gradient, pulling the weights towards 0.</source>
        <translation>Adams Weight Decay: weight_decay × w wird zum Gradienten jedes Parameters addiert und zieht die Gewichte zu 0.</translation>
    </message>
    <message>
        <source>L1 penalty</source>
        <translation>L1-Strafterm</translation>
    </message>
    <message>
        <source>Adds l1 × the sum of |w| over the layers&apos; weights to the loss: it drives many weights to (almost) zero.</source>
        <translation>Addiert l1 × die Summe von |w| über die Gewichte der Schichten zum Verlust: Viele Gewichte werden (fast) null.</translation>
    </message>
    <message>
        <source>dropout p</source>
        <translation>Dropout p</translation>
    </message>
    <message>
        <source>In training, each hidden unit is switched off with probability p and the others are scaled by 1/(1-p); nothing is dropped in evaluation.</source>
        <translation>Im Training wird jede verdeckte Einheit mit Wahrscheinlichkeit p abgeschaltet und die übrigen werden mit 1/(1-p) skaliert; bei der Auswertung fällt nichts weg.</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Examples per step (the points use at most all of theirs). Small batches make noisy steps, which also regularise.</source>
        <translation>Beispiele pro Schritt (die Punkte höchstens alle ihre). Kleine Batches machen verrauschte Schritte, was ebenfalls regularisiert.</translation>
    </message>
    <message>
        <source>stop early</source>
        <translation>früh stoppen</translation>
    </message>
    <message>
        <source>Stop a network once its validation loss has not improved for `patience`, and give it back its best weights.</source>
        <translation>Ein Netz anhalten, sobald sich sein Validierungsverlust `patience` lang nicht verbessert hat, und ihm seine besten Gewichte zurückgeben.</translation>
    </message>
    <message>
        <source>Restore best weights</source>
        <translation>Bestes wiederherstellen</translation>
    </message>
    <message>
        <source>Gives both networks the weights they had at their lowest validation loss so far.</source>
        <translation>Gibt beiden Netzen die Gewichte zurück, die sie beim bisher niedrigsten Validierungsverlust hatten.</translation>
    </message>
    <message>
        <source>data set</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>The two classes of points.</source>
        <translation>Die beiden Klassen von Punkten.</translation>
    </message>
    <message>
        <source>training points</source>
        <translation>Trainingspunkte</translation>
    </message>
    <message>
        <source>How many points the network learns from; 1,000 others validate it.</source>
        <translation>Aus wie vielen Punkten das Netz lernt; 1.000 andere validieren es.</translation>
    </message>
    <message>
        <source>noise</source>
        <translation>Rauschen</translation>
    </message>
    <message>
        <source>How far points stray from their class&apos;s shape (the std of the jitter, in units of the shape&apos;s size): noisy classes overlap.</source>
        <translation>Wie weit Punkte von der Form ihrer Klasse abweichen (Standardabweichung der Streuung, in Einheiten der Formgröße): verrauschte Klassen überlappen.</translation>
    </message>
    <message>
        <source>hidden layers</source>
        <translation>verdeckte Schichten</translation>
    </message>
    <message>
        <source>units per layer</source>
        <translation>Einheiten pro Schicht</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Adam&apos;s step size for the points&apos; network.</source>
        <translation>Adams Schrittweite für das Netz der Punkte.</translation>
    </message>
    <message>
        <source>patience</source>
        <translation>Geduld</translation>
    </message>
    <message>
        <source>Steps without a better validation loss after which early stopping stops.</source>
        <translation>Schritte ohne besseren Validierungsverlust, nach denen Early Stopping anhält.</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>edit the training points</source>
        <translation>Trainingspunkte bearbeiten</translation>
    </message>
    <message>
        <source>&quot;add X Y CLASS&quot; or &quot;remove X Y&quot;: the page sends these when you click on the picture.</source>
        <translation>„add X Y CLASS“ oder „remove X Y“: Die Seite sendet das, wenn du auf das Bild klickst.</translation>
    </message>
    <message>
        <source>network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>mlp: 784-256-256-10; cnn: two 3×3 convolutions (16 and 32 channels) with pooling, then 128 units.</source>
        <translation>mlp: 784-256-256-10; cnn: zwei 3×3-Faltungen (16 und 32 Kanäle) mit Pooling, dann 128 Einheiten.</translation>
    </message>
    <message>
        <source>training pictures</source>
        <translation>Trainingsbilder</translation>
    </message>
    <message>
        <source>A small subset of Fashion-MNIST, so that the network can learn it by heart; 2,000 others validate.</source>
        <translation>Eine kleine Teilmenge von Fashion-MNIST, damit das Netz sie auswendig lernen kann; 2.000 andere validieren.</translation>
    </message>
    <message>
        <source>normalisation</source>
        <translation>Normalisierung</translation>
    </message>
    <message>
        <source>BatchNorm or LayerNorm after each hidden layer, before the ReLU.</source>
        <translation>BatchNorm oder LayerNorm nach jeder verdeckten Schicht, vor der ReLU.</translation>
    </message>
    <message>
        <source>augmentation</source>
        <translation>Augmentierung</translation>
    </message>
    <message>
        <source>Random changes to each training picture each time it is used: shift up to 2 pixels, mirror left-right, turn up to 10°.</source>
        <translation>Zufällige Änderungen an jedem Trainingsbild bei jeder Verwendung: um bis zu 2 Pixel verschieben, links-rechts spiegeln, um bis zu 10° drehen.</translation>
    </message>
    <message>
        <source>Adam&apos;s step size for the pictures&apos; network.</source>
        <translation>Adams Schrittweite für das Netz der Bilder.</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Passes over the training pictures; then this network stops.</source>
        <translation>Durchgänge durch die Trainingsbilder; danach hält dieses Netz an.</translation>
    </message>
    <message>
        <source>Epochs without a better validation loss after which early stopping stops.</source>
        <translation>Epochen ohne besseren Validierungsverlust, nach denen Early Stopping anhält.</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>Kreuzentropie</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Loss on the training points</source>
        <translation>Verlust auf den Trainingspunkten</translation>
    </message>
    <message>
        <source>Loss on the validation points</source>
        <translation>Verlust auf den Validierungspunkten</translation>
    </message>
    <message>
        <source>Accuracy on the training points</source>
        <translation>Genauigkeit auf den Trainingspunkten</translation>
    </message>
    <message>
        <source>Accuracy on the validation points</source>
        <translation>Genauigkeit auf den Validierungspunkten</translation>
    </message>
    <message>
        <source>Parameters of the points&apos; network</source>
        <translation>Parameter des Netzes der Punkte</translation>
    </message>
    <message>
        <source>best</source>
        <translation>bestes</translation>
    </message>
    <message>
        <source>early stop</source>
        <translation>früher Stopp</translation>
    </message>
    <message>
        <source>Probability of class 1 (red)</source>
        <translation>Wahrscheinlichkeit von Klasse 1 (rot)</translation>
    </message>
    <message>
        <source>Training and validation points</source>
        <translation>Trainings- und Validierungspunkte</translation>
    </message>
    <message>
        <source>Loss on the training pictures</source>
        <translation>Verlust auf den Trainingsbildern</translation>
    </message>
    <message>
        <source>Loss on the validation pictures</source>
        <translation>Verlust auf den Validierungsbildern</translation>
    </message>
    <message>
        <source>Accuracy on the training pictures</source>
        <translation>Genauigkeit auf den Trainingsbildern</translation>
    </message>
    <message>
        <source>Accuracy on the validation pictures</source>
        <translation>Genauigkeit auf den Validierungsbildern</translation>
    </message>
    <message>
        <source>Epochs completed</source>
        <translation>Abgeschlossene Epochen</translation>
    </message>
    <message>
        <source>Parameters of the pictures&apos; network</source>
        <translation>Parameter des Netzes der Bilder</translation>
    </message>
    <message>
        <source>Weight norm of a layer</source>
        <translation>Gewichtsnorm einer Schicht</translation>
    </message>
    <message>
        <source>Class of the augmented picture</source>
        <translation>Klasse des augmentierten Bildes</translation>
    </message>
    <message>
        <source>One training picture as the network sees it</source>
        <translation>Ein Trainingsbild, wie das Netz es sieht</translation>
    </message>
    <message>
        <source>The points&apos; network</source>
        <translation>Das Netz der Punkte</translation>
    </message>
    <message>
        <source>The picture network</source>
        <translation>Das Bildernetz</translation>
    </message>
    <message>
        <source>Early stopping: the validation loss of the points has not improved for %3 steps, so the points&apos; network has its weights of step %1 again (validation loss %2).</source>
        <translation>Early Stopping: Der Validierungsverlust der Punkte hat sich %3 Schritte lang nicht verbessert, daher hat das Netz der Punkte wieder seine Gewichte von Schritt %1 (Validierungsverlust %2).</translation>
    </message>
    <message>
        <source>Restored: the points&apos; network has its weights of step %1 again (validation loss %2).</source>
        <translation>Wiederhergestellt: Das Netz der Punkte hat wieder seine Gewichte von Schritt %1 (Validierungsverlust %2).</translation>
    </message>
    <message>
        <source>Early stopping: the validation loss of the pictures has not improved for %3 epochs, so the picture network has its weights of epoch %1 again (validation loss %2).</source>
        <translation>Early Stopping: Der Validierungsverlust der Bilder hat sich %3 Epochen lang nicht verbessert, daher hat das Bildernetz wieder seine Gewichte von Epoche %1 (Validierungsverlust %2).</translation>
    </message>
    <message>
        <source>Restored: the picture network has its weights of epoch %1 again (validation loss %2).</source>
        <translation>Wiederhergestellt: Das Bildernetz hat wieder seine Gewichte von Epoche %1 (Validierungsverlust %2).</translation>
    </message>
    <message>
        <source>There are no best weights yet: nothing has been evaluated.</source>
        <translation>Es gibt noch keine besten Gewichte: Es wurde noch nichts ausgewertet.</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>Validierungsgenauigkeit</translation>
    </message>
    <message>
        <source>two moons</source>
        <translation>zwei Monde</translation>
    </message>
    <message>
        <source>two spirals</source>
        <translation>zwei Spiralen</translation>
    </message>
    <message>
        <source>XOR quadrants</source>
        <translation>XOR-Quadranten</translation>
    </message>
    <message>
        <source>two circles</source>
        <translation>zwei Kreise</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>shift</source>
        <translation>verschieben</translation>
    </message>
    <message>
        <source>mirror</source>
        <translation>spiegeln</translation>
    </message>
    <message>
        <source>turn</source>
        <translation>drehen</translation>
    </message>
</context>
<context>
    <name>gpt</name>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>What it learns from: Debian&apos;s fortunes (quotations and jokes, English or German), a small built-in text, or a UTF-8 text file of your own.</source>
        <translation>Woraus es lernt: Debians fortunes (Zitate und Witze, Englisch oder Deutsch), ein kleiner eingebauter Text oder eine eigene UTF-8-Textdatei.</translation>
    </message>
    <message>
        <source>your text file</source>
        <translation>deine Textdatei</translation>
    </message>
    <message>
        <source>A UTF-8 text file (at most 32 MB); entries split at lines holding % or at blank lines.</source>
        <translation>Eine UTF-8-Textdatei (höchstens 32 MB); Einträge werden an Zeilen mit % oder an Leerzeilen getrennt.</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Transformer blocks (attention + MLP) stacked.</source>
        <translation>Übereinander gestapelte Transformer-Blöcke (Attention + MLP).</translation>
    </message>
    <message>
        <source>width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Length of every character&apos;s vector inside the model.</source>
        <translation>Länge des Vektors jedes Zeichens im Modell.</translation>
    </message>
    <message>
        <source>heads</source>
        <translation>Köpfe</translation>
    </message>
    <message>
        <source>Attention heads per block (each looks with width/heads dimensions).</source>
        <translation>Attention-Köpfe pro Block (jeder schaut mit Breite/Köpfe Dimensionen).</translation>
    </message>
    <message>
        <source>context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>How many characters back the model can see.</source>
        <translation>Wie viele Zeichen das Modell zurückblicken kann.</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>Zeichen</translation>
    </message>
    <message>
        <source>tie output to embedding</source>
        <translation>Ausgabe an Einbettung koppeln</translation>
    </message>
    <message>
        <source>Score the next character with the embedding table itself instead of a separate output matrix.</source>
        <translation>Das nächste Zeichen mit der Einbettungstabelle selbst bewerten statt mit einer eigenen Ausgabematrix.</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Text windows per step.</source>
        <translation>Textfenster pro Schritt.</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>AdamW&apos;s peak step size (after the warmup; it then decays to a tenth).</source>
        <translation>Höchste Schrittweite von AdamW (nach dem Warmup; danach sinkt sie auf ein Zehntel).</translation>
    </message>
    <message>
        <source>weight decay</source>
        <translation>Weight Decay</translation>
    </message>
    <message>
        <source>AdamW&apos;s pull of every weight matrix towards zero.</source>
        <translation>Wie stark AdamW jede Gewichtsmatrix Richtung null zieht.</translation>
    </message>
    <message>
        <source>warmup steps</source>
        <translation>Warmup-Schritte</translation>
    </message>
    <message>
        <source>Steps over which the learning rate rises from almost zero to its peak.</source>
        <translation>Schritte, in denen die Lernrate von fast null auf ihren Höchstwert steigt.</translation>
    </message>
    <message>
        <source>gradient clipping</source>
        <translation>Gradient Clipping</translation>
    </message>
    <message>
        <source>Largest gradient norm per step; 0 turns clipping off.</source>
        <translation>Größte Gradientennorm pro Schritt; 0 schaltet das Clipping aus.</translation>
    </message>
    <message>
        <source>training steps</source>
        <translation>Trainingsschritte</translation>
    </message>
    <message>
        <source>The run stops after them; the learning rate&apos;s cosine decay spans them.</source>
        <translation>Der Lauf endet danach; der Kosinus-Abfall der Lernrate erstreckt sich über sie.</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>The text the model continues (characters it has never seen are left out).</source>
        <translation>Der Text, den das Modell fortsetzt (Zeichen, die es nie gesehen hat, werden weggelassen).</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Divides the scores before the softmax: low is safe and repetitive, high is wild; 0 always takes the most likely character.</source>
        <translation>Teilt die Scores vor dem Softmax: niedrig ist sicher und wiederholt sich, hoch ist wild; 0 nimmt immer das wahrscheinlichste Zeichen.</translation>
    </message>
    <message>
        <source>top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Draw only from the k most likely characters; 0 turns it off.</source>
        <translation>Nur aus den k wahrscheinlichsten Zeichen ziehen; 0 schaltet es aus.</translation>
    </message>
    <message>
        <source>top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Draw only from the most likely characters that together hold this much probability; 1 turns it off.</source>
        <translation>Nur aus den wahrscheinlichsten Zeichen ziehen, die zusammen so viel Wahrscheinlichkeit haben; 1 schaltet es aus.</translation>
    </message>
    <message>
        <source>write every</source>
        <translation>schreiben alle</translation>
    </message>
    <message>
        <source>Training steps between samples.</source>
        <translation>Trainingsschritte zwischen zwei Proben.</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>sample length</source>
        <translation>Probenlänge</translation>
    </message>
    <message>
        <source>Characters written per sample.</source>
        <translation>Geschriebene Zeichen pro Probe.</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Loss (train, validation)</source>
        <translation>Verlust (Training, Validierung)</translation>
    </message>
    <message>
        <source>nats per character</source>
        <translation>Nats pro Zeichen</translation>
    </message>
    <message>
        <source>Loss in bits per character</source>
        <translation>Verlust in Bit pro Zeichen</translation>
    </message>
    <message>
        <source>bits per character</source>
        <translation>Bit pro Zeichen</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Gradient norm before clipping</source>
        <translation>Gradientennorm vor dem Clipping</translation>
    </message>
    <message>
        <source>Characters trained per second (between evaluations)</source>
        <translation>Trainierte Zeichen pro Sekunde (zwischen Auswertungen)</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Different characters</source>
        <translation>Verschiedene Zeichen</translation>
    </message>
    <message>
        <source>Samples written during training</source>
        <translation>Während des Trainings geschriebene Proben</translation>
    </message>
    <message>
        <source>The latest writing</source>
        <translation>Das zuletzt Geschriebene</translation>
    </message>
    <message>
        <source>Next character after the prompt</source>
        <translation>Nächstes Zeichen nach dem Prompt</translation>
    </message>
    <message>
        <source>Character embeddings (PCA)</source>
        <translation>Zeicheneinbettungen (PCA)</translation>
    </message>
    <message>
        <source>first component</source>
        <translation>erste Komponente</translation>
    </message>
    <message>
        <source>second component</source>
        <translation>zweite Komponente</translation>
    </message>
    <message>
        <source>Attention (layer, head)</source>
        <translation>Attention (Schicht, Kopf)</translation>
    </message>
    <message>
        <source>looked at</source>
        <translation>betrachtet</translation>
    </message>
    <message>
        <source>looking</source>
        <translation>schauend</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>Probe</translation>
    </message>
    <message>
        <source>Debian&apos;s %1 package is not installed, so the GPT learns the small built-in English text instead.</source>
        <translation>Debians Paket %1 ist nicht installiert, daher lernt das GPT stattdessen den kleinen eingebauten englischen Text.</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <source>fortunes (English)</source>
        <translation>fortunes (englisch)</translation>
    </message>
    <message>
        <source>fortunes (German)</source>
        <translation>fortunes (deutsch)</translation>
    </message>
    <message>
        <source>built-in text</source>
        <translation>eingebauter Text</translation>
    </message>
    <message>
        <source>a file of your own</source>
        <translation>eigene Datei</translation>
    </message>
</context>
<context>
    <name>gradlab::Board</name>
    <message>
        <source>layer %1, head %2</source>
        <translation>Schicht %1, Kopf %2</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>Schicht %1</translation>
    </message>
    <message>
        <source>rollout (all layers)</source>
        <translation>Rollout (alle Schichten)</translation>
    </message>
</context>
<context>
    <name>gradlab::BoundaryPlot</name>
    <message>
        <source>class 0</source>
        <translation>Klasse 0</translation>
    </message>
    <message>
        <source>class 1</source>
        <translation>Klasse 1</translation>
    </message>
    <message>
        <source>x = %1   y = %2   P(class 1) = %3</source>
        <translation>x = %1   y = %2   P(Klasse 1) = %3</translation>
    </message>
</context>
<context>
    <name>gradlab::LabController</name>
    <message>
        <source>There is no lesson called %1.</source>
        <translation>Es gibt keine Lektion namens %1.</translation>
    </message>
    <message>
        <source>Could not load the checkpoint: %1</source>
        <translation>Checkpoint konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>The lesson has finished its run.</source>
        <translation>Die Lektion hat ihren Lauf beendet.</translation>
    </message>
    <message>
        <source>The checkpoint&apos;s chart history is damaged and was skipped: %1</source>
        <translation>Der Diagrammverlauf im Checkpoint ist beschädigt und wurde übersprungen: %1</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>Geladen: %1</translation>
    </message>
    <message>
        <source>No folder name given.</source>
        <translation>Kein Ordnername angegeben.</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 ist eine Datei, kein Ordner.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>epoch %1 of %2</source>
        <translation>Epoche %1 von %2</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>noch weniger als eine Minute</translation>
    </message>
    <message>
        <source>about a minute left</source>
        <translation>noch etwa eine Minute</translation>
    </message>
    <message>
        <source>about %1 min left</source>
        <translation>noch etwa %1 min</translation>
    </message>
    <message>
        <source>There is no run to branch from yet.</source>
        <translation>Es gibt noch keinen Lauf, von dem aus es zurückgehen kann.</translation>
    </message>
    <message>
        <source>This run continues a checkpoint whose beginning was not recorded: it cannot go back.</source>
        <translation>Dieser Lauf setzt einen Checkpoint fort, dessen Anfang nicht aufgezeichnet ist: Er kann nicht zurückgehen.</translation>
    </message>
    <message>
        <source>Choose a step between 0 and %1.</source>
        <translation>Wähle einen Schritt zwischen 0 und %1.</translation>
    </message>
    <message>
        <source>branch from step %1</source>
        <translation>Abzweigung ab Schritt %1</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>the same as %1</source>
        <translation>genau wie %1</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>training · step %1</source>
        <translation>trainiert · Schritt %1</translation>
    </message>
    <message>
        <source>seeds %1 to %2 of %3, to step %4</source>
        <translation>Seeds %1 bis %2 von %3, bis Schritt %4</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>Schritt %1 von %2</translation>
    </message>
    <message>
        <source>%1: mean %2 (%3 to %4)</source>
        <translation>%1: Mittel %2 (%3 bis %4)</translation>
    </message>
    <message>
        <source>A run needs a name.</source>
        <translation>Ein Lauf braucht einen Namen.</translation>
    </message>
    <message>
        <source>There is no such run.</source>
        <translation>Diesen Lauf gibt es nicht.</translation>
    </message>
    <message>
        <source>The run on screen cannot be deleted: reset or branch first.</source>
        <translation>Der angezeigte Lauf kann nicht gelöscht werden: erst zurücksetzen oder verzweigen.</translation>
    </message>
    <message>
        <source>There is no run to export yet.</source>
        <translation>Es gibt noch keinen Lauf zum Exportieren.</translation>
    </message>
    <message>
        <source>Could not export the run: %1</source>
        <translation>Der Lauf konnte nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>No file given.</source>
        <translation>Keine Datei angegeben.</translation>
    </message>
    <message>
        <source>Could not load the run: %1</source>
        <translation>Der Lauf konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Choose between 2 and 16 seeds.</source>
        <translation>Wähle zwischen 2 und 16 Seeds.</translation>
    </message>
    <message>
        <source>Let the run take some steps first: the seeds repeat it up to the step it has reached.</source>
        <translation>Lass den Lauf erst einige Schritte machen: die Seeds wiederholen ihn bis zu dem Schritt, den er erreicht hat.</translation>
    </message>
    <message>
        <source>This run continues a checkpoint whose beginning was not recorded: it cannot be repeated.</source>
        <translation>Dieser Lauf setzt einen Checkpoint fort, dessen Anfang nicht aufgezeichnet wurde: er kann nicht wiederholt werden.</translation>
    </message>
    <message>
        <source>%1 × %2 seeds</source>
        <translation>%1 × %2 Seeds</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Nothing was saved to %1: the run was replaced before it began.</source>
        <translation>Nichts wurde in %1 gespeichert: Der Lauf wurde ersetzt, bevor er begann.</translation>
    </message>
    <message>
        <source>Nothing was saved to %1: the run did not start (%2).</source>
        <translation>Nichts wurde in %1 gespeichert: Der Lauf ist nicht gestartet (%2).</translation>
    </message>
    <message>
        <source>Nothing was saved to %1: the run stopped on an error (%2).</source>
        <translation>Nichts wurde in %1 gespeichert: Der Lauf wurde durch einen Fehler beendet (%2).</translation>
    </message>
    <message>
        <source>Nothing was saved to %1: the run had ended.</source>
        <translation>Nichts wurde in %1 gespeichert: Der Lauf war schon beendet.</translation>
    </message>
    <message>
        <source>preparing…</source>
        <translation>wird vorbereitet…</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>läuft…</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 Schritte/s</translation>
    </message>
    <message>
        <source>%1 s per step</source>
        <translation>%1 s pro Schritt</translation>
    </message>
    <message>
        <source>No NVIDIA GPU that the lab can use: it trains on the CPU.</source>
        <translation>Keine NVIDIA-GPU, die das Lab nutzen kann: Es trainiert auf der CPU.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Your run of last time goes on from step %1. Reset starts a new one.</source>
        <translation>Dein Lauf vom letzten Mal geht bei Schritt %1 weiter. „Zurücksetzen“ beginnt einen neuen.</translation>
    </message>
    <message>
        <source>The run could not start: %1</source>
        <translation>Der Lauf konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>The run stopped on an error: %1</source>
        <translation>Der Lauf hat wegen eines Fehlers angehalten: %1</translation>
    </message>
    <message>
        <source>Not applied (%1): %2</source>
        <translation>Nicht übernommen (%1): %2</translation>
    </message>
    <message>
        <source>The other runs of last time could not be read: %1</source>
        <translation>Die übrigen Läufe vom letzten Mal ließen sich nicht lesen: %1</translation>
    </message>
    <message>
        <source>Your run of last time could not be continued (%1); a new run begins.</source>
        <translation>Dein Lauf vom letzten Mal ließ sich nicht fortsetzen (%1); ein neuer Lauf beginnt.</translation>
    </message>
    <message>
        <source>Its checkpoint is kept as %1.</source>
        <translation>Sein Checkpoint liegt unter %1.</translation>
    </message>
    <message>
        <source>Another Gradient Lab is open and keeps the runs: this one starts afresh and keeps nothing for next time.</source>
        <translation>Ein anderes Gradient Lab ist geöffnet und bewahrt die Läufe auf: Dieses beginnt neu und bewahrt nichts für das nächste Mal auf.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>%1 at step %2</source>
        <translation>%1 bei Schritt %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n times) from step %2</source>
        <translation>
            <numerusform>%1 (%n-mal) ab Schritt %2</numerusform>
            <numerusform>%1 (%n-mal) ab Schritt %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2 → %3</source>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <source>%1 %2 → %3 at step %4</source>
        <translation>%1 %2 → %3 bei Schritt %4</translation>
    </message>
    <message>
        <source>seed %1 → %2</source>
        <translation>Seed %1 → %2</translation>
    </message>
    <message>
        <source>no file</source>
        <translation>keine Datei</translation>
    </message>
    <message>
        <source>none</source>
        <comment>an empty set of choices</comment>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>gradlab::LineChart</name>
    <message>
        <source>%1 (faded)</source>
        <translation>%1 (blass)</translation>
    </message>
    <message>
        <source>%1: mean and range</source>
        <translation>%1: Mittel und Spanne</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
</context>
<context>
    <name>gradlab::ParamModel</name>
    <message>
        <source>No lesson is open.</source>
        <translation>Keine Lektion geöffnet.</translation>
    </message>
    <message>
        <source>Unknown parameter %1.</source>
        <translation>Unbekannter Parameter %1.</translation>
    </message>
    <message>
        <source>%1 expects a number.</source>
        <translation>%1 erwartet eine Zahl.</translation>
    </message>
    <message>
        <source>%1 must lie between %2 and %3.</source>
        <translation>%1 muss zwischen %2 und %3 liegen.</translation>
    </message>
    <message>
        <source>%1 must be a whole number.</source>
        <translation>%1 muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>%1: click to show it among the parameters</source>
        <translation>%1: Ein Klick zeigt die Einstellung unter „Parameter“</translation>
    </message>
    <message>
        <source>%1: among the parameters when %2 is %3</source>
        <translation>%1: unter „Parameter“, wenn %2 auf „%3“ steht</translation>
    </message>
    <message>
        <source>%1: Enter takes you to it among the parameters</source>
        <translation>%1: Enter führt zur Einstellung unter „Parameter“</translation>
    </message>
</context>
<context>
    <name>gradlab::PlotItem</name>
    <message>
        <source>No data yet: press Play or Step.</source>
        <translation>Noch keine Daten: „Start“ oder „Schritt“ drücken.</translation>
    </message>
    <message>
        <source>No file name given.</source>
        <translation>Kein Dateiname angegeben.</translation>
    </message>
    <message>
        <source>Exported from Gradient Lab</source>
        <translation>Aus Gradient Lab exportiert</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>No data yet: it comes as the run trains on.</source>
        <translation>Noch keine Daten: Sie kommen, während der Lauf weiter trainiert.</translation>
    </message>
</context>
<context>
    <name>init</name>
    <message>
        <source>Weight matrix</source>
        <translation>Gewichtsmatrix</translation>
    </message>
    <message>
        <source>Deep network</source>
        <translation>Tiefes Netz</translation>
    </message>
    <message>
        <source>fan in</source>
        <translation>Fan-in</translation>
    </message>
    <message>
        <source>Inputs per unit of the sampled weight matrix.</source>
        <translation>Eingänge je Neuron der gezogenen Gewichtsmatrix.</translation>
    </message>
    <message>
        <source>fan out</source>
        <translation>Fan-out</translation>
    </message>
    <message>
        <source>Outputs of the sampled weight matrix.</source>
        <translation>Ausgänge der gezogenen Gewichtsmatrix.</translation>
    </message>
    <message>
        <source>normal: std</source>
        <translation>normal: Std.-Abw.</translation>
    </message>
    <message>
        <source>Standard deviation of the plain normal scheme.</source>
        <translation>Standardabweichung des einfachen normal-Schemas.</translation>
    </message>
    <message>
        <source>uniform: bound</source>
        <translation>uniform: Grenze</translation>
    </message>
    <message>
        <source>The plain uniform scheme draws from [-bound, bound].</source>
        <translation>Das einfache uniform-Schema zieht aus [-Grenze, Grenze].</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Layers of the deep network.</source>
        <translation>Schichten des tiefen Netzes.</translation>
    </message>
    <message>
        <source>width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Units per layer (= fan in = fan out).</source>
        <translation>Neuronen je Schicht (= Fan-in = Fan-out).</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>Stichproben</translation>
    </message>
    <message>
        <source>Random input vectors sent through the network.</source>
        <translation>Zufällige Eingabevektoren, die durch das Netz laufen.</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <source>The nonlinearity after every layer.</source>
        <translation>Die Nichtlinearität nach jeder Schicht.</translation>
    </message>
    <message>
        <source>scheme</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Which schemes initialise the deep network (all: every one, side by side).</source>
        <translation>Welche Schemata das tiefe Netz initialisieren (all: alle nebeneinander).</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Mean and spread of each scheme&apos;s weights</source>
        <translation>Mittelwert und Streuung der Gewichte jedes Schemas</translation>
    </message>
    <message>
        <source>Histogram of each scheme&apos;s weights</source>
        <translation>Histogramm der Gewichte jedes Schemas</translation>
    </message>
    <message>
        <source>density</source>
        <translation>Dichte</translation>
    </message>
    <message>
        <source>The std each scheme aims for</source>
        <translation>Die Std., die jedes Schema anstrebt</translation>
    </message>
    <message>
        <source>Activations per layer: mean, spread, saturation</source>
        <translation>Aktivierungen je Schicht: Mittelwert, Streuung, Sättigung</translation>
    </message>
    <message>
        <source>std of the activations</source>
        <translation>Std.-Abw. der Aktivierungen</translation>
    </message>
    <message>
        <source>Histogram of the activations per layer</source>
        <translation>Histogramm der Aktivierungen je Schicht</translation>
    </message>
    <message>
        <source>Measured std of each scheme&apos;s weights</source>
        <translation>Gemessene Std. der Gewichte jedes Schemas</translation>
    </message>
    <message>
        <source>Std of the last layer&apos;s activations</source>
        <translation>Std. der Aktivierungen der letzten Schicht</translation>
    </message>
    <message>
        <source>%1: the activations outgrew the largest float (about 3.4e38) at layer %2, so the curves end there. Smaller weights keep them finite: a smaller std, or a scheme that scales with the width.</source>
        <translation>%1: Die Aktivierungen wurden in Schicht %2 größer als die größte float-Zahl (etwa 3,4e38), darum enden die Kurven dort. Kleinere Gewichte halten sie endlich: eine kleinere Std.-Abw. oder ein Schema, das mit der Breite skaliert.</translation>
    </message>
    <message>
        <source>last layer&apos;s std (xavier_uniform)</source>
        <translation>Std. der letzten Schicht (xavier_uniform)</translation>
    </message>
    <message>
        <source>all, side by side</source>
        <translation>alle nebeneinander</translation>
    </message>
    <message>
        <source>linear (none)</source>
        <translation>linear (keine)</translation>
    </message>
</context>
<context>
    <name>lessons</name>
    <message>
        <source>Activation functions</source>
        <translation>Aktivierungsfunktionen</translation>
    </message>
    <message>
        <source>Eight nonlinearities, their slopes, and why deep sigmoid nets stop learning</source>
        <translation>Acht Nichtlinearitäten, ihre Steigungen und warum tiefe Sigmoid-Netze nicht mehr lernen</translation>
    </message>
    <message>
        <source>Weight initialisation</source>
        <translation>Gewichtsinitialisierung</translation>
    </message>
    <message>
        <source>Xavier, Kaiming and friends: keeping signals alive through deep networks</source>
        <translation>Xavier, Kaiming und Co.: Signale durch tiefe Netze am Leben halten</translation>
    </message>
    <message>
        <source>Optimizers race</source>
        <translation>Optimierer-Rennen</translation>
    </message>
    <message>
        <source>SGD, momentum, RMSprop, Adam and friends descend the same valley</source>
        <translation>SGD, Momentum, RMSprop, Adam und Co. steigen ins selbe Tal ab</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Scaled dot-product attention by hand, then a small transformer learning to reverse, sort and shift</source>
        <translation>Skalierte Skalarprodukt-Aufmerksamkeit von Hand, dann ein kleiner Transformer, der Umkehren, Sortieren und Verschieben lernt</translation>
    </message>
    <message>
        <source>Convolutional networks</source>
        <translation>Faltungsnetze</translation>
    </message>
    <message>
        <source>Filters, pooling and LeNet-5 learning to recognise clothes</source>
        <translation>Filter, Pooling und LeNet-5, das Kleidung erkennen lernt</translation>
    </message>
    <message>
        <source>Vision Transformer</source>
        <translation>Vision Transformer</translation>
    </message>
    <message>
        <source>Pictures as sequences of patches: a tiny ViT learns Fashion-MNIST, and you see where it looks</source>
        <translation>Bilder als Folgen von Patches: Ein winziger ViT lernt Fashion-MNIST, und man sieht, wohin er schaut</translation>
    </message>
    <message>
        <source>Recurrent networks</source>
        <translation>Rekurrente Netze</translation>
    </message>
    <message>
        <source>RNN, LSTM and GRU race on sequences: when do the gates beat vanishing gradients?</source>
        <translation>RNN, LSTM und GRU im Rennen auf Folgen: Wann besiegen Gates verschwindende Gradienten?</translation>
    </message>
    <message>
        <source>A GPT that learns to write</source>
        <translation>Ein GPT lernt schreiben</translation>
    </message>
    <message>
        <source>A tiny transformer learns to write character by character, from gibberish to words to sentences</source>
        <translation>Ein winziger Transformer lernt Zeichen für Zeichen schreiben: vom Kauderwelsch zu Wörtern zu Sätzen</translation>
    </message>
    <message>
        <source>Overfitting and its cures</source>
        <translation>Überanpassung und was hilft</translation>
    </message>
    <message>
        <source>A network learns its training data by heart: weight decay, dropout, augmentation and early stopping</source>
        <translation>Ein Netz lernt seine Trainingsdaten auswendig: Weight Decay, Dropout, Augmentierung und Early Stopping</translation>
    </message>
    <message>
        <source>Going deep</source>
        <translation>In die Tiefe</translation>
    </message>
    <message>
        <source>Plain against residual stacks, normalisation, learning-rate schedules and the LR range test</source>
        <translation>Einfache gegen residuale Stapel, Normalisierung, Lernraten-Zeitpläne und der LR-Range-Test</translation>
    </message>
    <message>
        <source>%1 diverged at step %2 (loss %3); its learning rate %4 is likely too high. It stopped, the others go on: lower the rate and press Reset, or go back on the timeline to before step %2.</source>
        <translation>%1 ist bei Schritt %2 divergiert (Verlust %3); die Lernrate %4 ist wahrscheinlich zu hoch. Es ist gestoppt, die anderen laufen weiter: Senke die Rate und drücke Zurücksetzen, oder geh auf der Zeitleiste vor Schritt %2 zurück.</translation>
    </message>
    <message>
        <source>The network</source>
        <translation>Das Netz</translation>
    </message>
    <message>
        <source>%1 diverged at step %2 (loss %3); the learning rate %4 is likely too high. Training stopped: lower the rate and press Reset, or go back on the timeline to before step %2.</source>
        <translation>%1 ist bei Schritt %2 divergiert (Verlust %3); die Lernrate %4 ist wahrscheinlich zu hoch. Das Training ist gestoppt: Senke die Rate und drücke Zurücksetzen, oder geh auf der Zeitleiste vor Schritt %2 zurück.</translation>
    </message>
    <message>
        <source>%1 was not found: the pictures are the synthetic shapes instead (generated, not real data).</source>
        <translation>%1 wurde nicht gefunden: Die Bilder sind stattdessen die synthetischen Formen (erzeugt, keine echten Daten).</translation>
    </message>
    <message>
        <source>%1 was not found: the pictures come from %2 instead.</source>
        <translation>%1 wurde nicht gefunden: Die Bilder stammen stattdessen aus %2.</translation>
    </message>
    <message>
        <source>data set</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Fashion-MNIST (clothes), MNIST (digits) or synthetic shapes; a missing set falls back to another, with a note.</source>
        <translation>Fashion-MNIST (Kleidung), MNIST (Ziffern) oder synthetische Formen (shapes); fehlt ein Datensatz, wird mit Hinweis auf einen anderen ausgewichen.</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Passes over the training images; the run stops after them.</source>
        <translation>Durchläufe über die Trainingsbilder; danach endet der Lauf.</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>Kreuzentropie</translation>
    </message>
    <message>
        <source>Loss on the validation images</source>
        <translation>Verlust auf den Validierungsbildern</translation>
    </message>
    <message>
        <source>Accuracy on the validation images</source>
        <translation>Genauigkeit auf den Validierungsbildern</translation>
    </message>
    <message>
        <source>Accuracy on the test images</source>
        <translation>Genauigkeit auf den Testbildern</translation>
    </message>
    <message>
        <source>Epochs completed</source>
        <translation>Abgeschlossene Epochen</translation>
    </message>
    <message>
        <source>True class of the shown picture (-1: unknown)</source>
        <translation>Wahre Klasse des gezeigten Bildes (-1: unbekannt)</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Your picture cannot be used, so the test picture is shown:</source>
        <translation>Dein Bild lässt sich nicht verwenden, darum wird das Testbild gezeigt:</translation>
    </message>
    <message>
        <source>%1 diverged at step %2 (loss %3). Gradient clipping is off, so one large gradient can throw the weights far out. It stopped, the others go on: turn clipping on (1 is a good start) or lower the learning rate %4, then press Reset or go back on the timeline to before step %2.</source>
        <translation>%1 ist bei Schritt %2 divergiert (Verlust %3). Gradient Clipping ist aus, also kann ein einziger großer Gradient die Gewichte weit hinauswerfen. Es ist gestoppt, die anderen laufen weiter: Schalte Clipping ein (1 ist ein guter Anfang) oder senke die Lernrate %4, dann drücke Zurücksetzen oder geh auf der Zeitleiste vor Schritt %2 zurück.</translation>
    </message>
    <message>
        <source>%1 diverged at step %2 (loss %3). Gradient clipping is off, so one large gradient can throw the weights far out. Training stopped: turn clipping on (1 is a good start) or lower the learning rate %4, then press Reset or go back on the timeline to before step %2.</source>
        <translation>%1 ist bei Schritt %2 divergiert (Verlust %3). Gradient Clipping ist aus, also kann ein einziger großer Gradient die Gewichte weit hinauswerfen. Das Training ist gestoppt: Schalte Clipping ein (1 ist ein guter Anfang) oder senke die Lernrate %4, dann drücke Zurücksetzen oder geh auf der Zeitleiste vor Schritt %2 zurück.</translation>
    </message>
    <message>
        <source>%1 had the loss %3 at step %2, before any update: its starting weights already make the output overflow, so no learning rate is to blame. It stopped, the others go on: start with smaller weights (a smaller weight scale or another initialisation) and press Reset.</source>
        <translation>%1 hatte bei Schritt %2, noch vor jedem Update, den Verlust %3: Schon die Startgewichte lassen die Ausgabe überlaufen, an der Lernrate liegt es also nicht. Es ist gestoppt, die anderen laufen weiter: Starte mit kleineren Gewichten (einer kleineren Gewichtsskala oder einer anderen Initialisierung) und drücke Zurücksetzen.</translation>
    </message>
    <message>
        <source>%1 had the loss %3 at step %2, before any update: its starting weights already make the output overflow, so no learning rate is to blame. Training stopped: start with smaller weights (a smaller weight scale or another initialisation) and press Reset.</source>
        <translation>%1 hatte bei Schritt %2, noch vor jedem Update, den Verlust %3: Schon die Startgewichte lassen die Ausgabe überlaufen, an der Lernrate liegt es also nicht. Das Training ist gestoppt: Starte mit kleineren Gewichten (einer kleineren Gewichtsskala oder einer anderen Initialisierung) und drücke Zurücksetzen.</translation>
    </message>
    <message>
        <source>synthetic shapes</source>
        <translation>synthetische Formen</translation>
    </message>
</context>
<context>
    <name>optimizers</name>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>beta1 (momentum)</source>
        <translation>beta1 (Momentum)</translation>
    </message>
    <message>
        <source>beta2 (squared-gradient average)</source>
        <translation>beta2 (Mittel der Gradientenquadrate)</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>alpha (squared-gradient average)</source>
        <translation>alpha (Mittel der Gradientenquadrate)</translation>
    </message>
    <message>
        <source>centered</source>
        <translation>zentriert</translation>
    </message>
    <message>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <source>learning-rate decay</source>
        <translation>Lernratenabfall</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AMSGrad</source>
        <translation>AMSGrad</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>weight decay</source>
        <translation>Weight Decay</translation>
    </message>
    <message>
        <source>NAdam</source>
        <translation>NAdam</translation>
    </message>
    <message>
        <source>momentum decay</source>
        <translation>Momentum-Abfall</translation>
    </message>
    <message>
        <source>surface</source>
        <translation>Fläche</translation>
    </message>
    <message>
        <source>The loss landscape the racers descend.</source>
        <translation>Die Verlustlandschaft, in die die Teilnehmer absteigen.</translation>
    </message>
    <message>
        <source>racers</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <source>Which optimizers take part.</source>
        <translation>Welche Optimierer teilnehmen.</translation>
    </message>
    <message>
        <source>start x</source>
        <translation>Start x</translation>
    </message>
    <message>
        <source>Where the racers start (x).</source>
        <translation>Startpunkt der Teilnehmer (x).</translation>
    </message>
    <message>
        <source>start y</source>
        <translation>Start y</translation>
    </message>
    <message>
        <source>Where the racers start (y).</source>
        <translation>Startpunkt der Teilnehmer (y).</translation>
    </message>
    <message>
        <source>Rosenbrock: the minimum lies at (a, a^2).</source>
        <translation>Rosenbrock: Das Minimum liegt bei (a, a^2).</translation>
    </message>
    <message>
        <source>Rosenbrock</source>
        <translation>Rosenbrock</translation>
    </message>
    <message>
        <source>Rosenbrock: how steep the valley walls are.</source>
        <translation>Rosenbrock: wie steil die Talwände sind.</translation>
    </message>
    <message>
        <source>condition number</source>
        <translation>Konditionszahl</translation>
    </message>
    <message>
        <source>Quadratic bowl: how much steeper y is than x.</source>
        <translation>Quadratische Schüssel: wie viel steiler y als x ist.</translation>
    </message>
    <message>
        <source>Quadratic bowl</source>
        <translation>Quadratische Schüssel</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Loss (distance to the minimum) per step</source>
        <translation>Verlust (Abstand zum Minimum) je Schritt</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>The loss surface</source>
        <translation>Die Verlustfläche</translation>
    </message>
    <message>
        <source>Each racer&apos;s path</source>
        <translation>Der Weg jedes Teilnehmers</translation>
    </message>
    <message>
        <source>Where the minima are</source>
        <translation>Wo die Minima liegen</translation>
    </message>
    <message>
        <source>The start (%1, %2) lies off this map: the racers start at (-1, 1). Click the map to choose another start.</source>
        <translation>Der Start (%1, %2) liegt außerhalb dieser Karte: Die Teilnehmer starten bei (-1, 1). Klicke auf die Karte, um einen anderen Start zu wählen.</translation>
    </message>
    <message>
        <source>Adam&apos;s loss</source>
        <translation>Verlust von Adam</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>Rennen</translation>
    </message>
    <message>
        <source>ill-conditioned bowl</source>
        <translation>schlecht konditionierte Schüssel</translation>
    </message>
    <message>
        <source>saddle</source>
        <translation>Sattel</translation>
    </message>
</context>
<context>
    <name>rnn</name>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>Netze</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>first: name the first of T symbols at the end; adding: add the two marked numbers of T; sine: predict the next value of a wave.</source>
        <translation>first: am Ende das erste von T Symbolen nennen; adding: die zwei markierten von T Zahlen addieren; sine: den nächsten Wert einer Welle vorhersagen.</translation>
    </message>
    <message>
        <source>sequence length T</source>
        <translation>Folgenlänge T</translation>
    </message>
    <message>
        <source>Steps per sequence: how far back the cells must remember.</source>
        <translation>Schritte pro Folge: wie weit zurück sich die Zellen erinnern müssen.</translation>
    </message>
    <message>
        <source>example sequence</source>
        <translation>Beispielfolge</translation>
    </message>
    <message>
        <source>Which test sequence the pictures show.</source>
        <translation>Welche Testfolge die Bilder zeigen.</translation>
    </message>
    <message>
        <source>cells</source>
        <translation>Zellen</translation>
    </message>
    <message>
        <source>The recurrent cells that race on the same batches.</source>
        <translation>Die rekurrenten Zellen, die auf denselben Batches gegeneinander antreten.</translation>
    </message>
    <message>
        <source>hidden size</source>
        <translation>verdeckte Größe</translation>
    </message>
    <message>
        <source>Units of each cell&apos;s state.</source>
        <translation>Einheiten im Zustand jeder Zelle.</translation>
    </message>
    <message>
        <source>LSTM forget bias 1</source>
        <translation>LSTM-Vergessens-Bias 1</translation>
    </message>
    <message>
        <source>Start the LSTM&apos;s forget gate open (bias 1, as Jozefowicz et al. advise); off: PyTorch&apos;s random bias, the gate half closed.</source>
        <translation>Das Vergessensgate des LSTM startet offen (Bias 1, wie Jozefowicz et al. raten); aus: PyTorchs zufälliger Bias, das Gate halb geschlossen.</translation>
    </message>
    <message>
        <source>RNN activation</source>
        <translation>RNN-Aktivierung</translation>
    </message>
    <message>
        <source>The vanilla RNN&apos;s nonlinearity.</source>
        <translation>Die Nichtlinearität des einfachen RNN.</translation>
    </message>
    <message>
        <source>RNN recurrent weight scale</source>
        <translation>RNN-Gewichtsskala (rekurrent)</translation>
    </message>
    <message>
        <source>Multiplies the RNN&apos;s recurrent weights after PyTorch&apos;s initialisation: large values (with relu) make gradients explode.</source>
        <translation>Multipliziert die Rückkopplungsgewichte des RNN nach PyTorchs Initialisierung: große Werte (mit relu) lassen Gradienten explodieren.</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>Optimierer</translation>
    </message>
    <message>
        <source>Adam, or plain SGD.</source>
        <translation>Adam oder einfaches SGD.</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Step size of every cell&apos;s optimizer.</source>
        <translation>Schrittweite des Optimierers jeder Zelle.</translation>
    </message>
    <message>
        <source>gradient clipping</source>
        <translation>Gradient Clipping</translation>
    </message>
    <message>
        <source>Largest gradient norm per cell and step (clip_grad_norm_); 0 turns clipping off.</source>
        <translation>Größte Gradientennorm pro Zelle und Schritt (clip_grad_norm_); 0 schaltet das Clipping aus.</translation>
    </message>
    <message>
        <source>training steps</source>
        <translation>Trainingsschritte</translation>
    </message>
    <message>
        <source>Batches of 64 sequences to train on; the run stops after them.</source>
        <translation>Batches zu je 64 Folgen zum Trainieren; danach hält der Lauf an.</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>t (position in the sequence)</source>
        <translation>t (Position in der Folge)</translation>
    </message>
    <message>
        <source>Training loss per cell</source>
        <translation>Trainingsverlust pro Zelle</translation>
    </message>
    <message>
        <source>Test accuracy per cell</source>
        <translation>Testgenauigkeit pro Zelle</translation>
    </message>
    <message>
        <source>Test loss per cell</source>
        <translation>Testverlust pro Zelle</translation>
    </message>
    <message>
        <source>Gradient norm before clipping</source>
        <translation>Gradientennorm vor dem Clipping</translation>
    </message>
    <message>
        <source>Gradient through time, every measurement</source>
        <translation>Gradient durch die Zeit, jede Messung</translation>
    </message>
    <message>
        <source>Gradient through time now</source>
        <translation>Gradient durch die Zeit jetzt</translation>
    </message>
    <message>
        <source>‖∂L/∂h_t‖</source>
        <translation>‖∂L/∂h_t‖</translation>
    </message>
    <message>
        <source>log₁₀ ‖∂L/∂h_t‖ over training</source>
        <translation>log₁₀ ‖∂L/∂h_t‖ im Lauf des Trainings</translation>
    </message>
    <message>
        <source>The example: input and each cell&apos;s answer at every step</source>
        <translation>Das Beispiel: Eingabe und die Antwort jeder Zelle bei jedem Schritt</translation>
    </message>
    <message>
        <source>Hidden state h_t (16 units)</source>
        <translation>Verdeckter Zustand h_t (16 Einheiten)</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Gate activation (16 units)</source>
        <translation>Gate-Aktivierung (16 Einheiten)</translation>
    </message>
    <message>
        <source>LSTM cell state c_t (16 units)</source>
        <translation>LSTM-Zellzustand c_t (16 Einheiten)</translation>
    </message>
    <message>
        <source>Gate activations of the example</source>
        <translation>Gate-Aktivierungen des Beispiels</translation>
    </message>
    <message>
        <source>GRU&apos;s accuracy</source>
        <translation>Genauigkeit der GRU</translation>
    </message>
    <message>
        <source>first symbol</source>
        <translation>erstes Symbol</translation>
    </message>
    <message>
        <source>adding problem</source>
        <translation>Additionsproblem</translation>
    </message>
    <message>
        <source>noisy wave</source>
        <translation>verrauschte Welle</translation>
    </message>
</context>
<context>
    <name>vit</name>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Vision Transformer</source>
        <translation>Vision Transformer</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>patch size</source>
        <translation>Patch-Größe</translation>
    </message>
    <message>
        <source>Side of the square patches in pixels (28 / patch patches per row).</source>
        <translation>Seitenlänge der quadratischen Patches in Pixeln (28 / Patch-Größe Patches je Zeile).</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Transformer encoder layers.</source>
        <translation>Schichten des Transformer-Encoders.</translation>
    </message>
    <message>
        <source>heads</source>
        <translation>Köpfe</translation>
    </message>
    <message>
        <source>Attention heads per layer (64 dimensions shared among them).</source>
        <translation>Aufmerksamkeitsköpfe je Schicht (sie teilen sich 64 Dimensionen).</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Adam&apos;s step size.</source>
        <translation>Schrittweite von Adam.</translation>
    </message>
    <message>
        <source>test picture</source>
        <translation>Testbild</translation>
    </message>
    <message>
        <source>Which test image is shown and classified.</source>
        <translation>Welches Testbild gezeigt und klassifiziert wird.</translation>
    </message>
    <message>
        <source>your picture</source>
        <translation>eigenes Bild</translation>
    </message>
    <message>
        <source>A PNG or JPEG of your own: its patches, where the CLS token looks, and the prediction.</source>
        <translation>Ein eigenes PNG oder JPEG: seine Patches, wohin das CLS-Token schaut, und die Vorhersage.</translation>
    </message>
    <message>
        <source>The picture</source>
        <translation>Das Bild</translation>
    </message>
    <message>
        <source>The patches, as a sequence</source>
        <translation>Die Patches als Folge</translation>
    </message>
    <message>
        <source>The CLS token</source>
        <translation>Das CLS-Token</translation>
    </message>
    <message>
        <source>How alike the patches&apos; position vectors are</source>
        <translation>Wie ähnlich sich die Positionsvektoren der Patches sind</translation>
    </message>
    <message>
        <source>Where the CLS token looks</source>
        <translation>Wohin das CLS-Token schaut</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>Validierungsgenauigkeit</translation>
    </message>
</context>
</TS>
