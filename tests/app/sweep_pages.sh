#!/bin/bash
# sweep_pages.sh [APP]: opens every lesson with settings that change how many cards, buttons or
# rows its page repeats, on both tabs, at three window sizes, and reports each start that crashed
# or printed a QML warning. (Qt 6.4's layouts crashed when a Repeater inside them changed its
# count while the window was laid out: 44 of these 132 starts, before qml/components/CardGrid.qml.)
# About 100 s on two cores. test_app_smoke::repeatedCardsSurviveACountChange keeps six of them.
app=${1:-build/app/gradlab}
cases=(
  "attention|layers=2" "attention|heads=4" "attention|heads=1" "attention|layers=2 heads=4"
  "gpt|layers=2" "gpt|heads=8" "gpt|heads=1" "gpt|layers=1 heads=2"
  "rnn|cells=rnn,lstm" "rnn|cells=gru" "rnn|cells=lstm"
  "optimizers|racers=adam,sgd" "optimizers|racers=adam"
  "init|scheme=normal" "activations|depth=3"
  "vit|heads=2" "vit|layers=1" "vit|patch=14" "vit|patch=4"
  "deep|blocks=4" "generalization|depth=1" "cnn|variant=tanh_avgpool"
)
err=$(mktemp)
trap 'rm -f "$err" "$err.png"' EXIT
bad=0
for c in "${cases[@]}"; do
  lesson=${c%%|*}
  sets=()
  for s in ${c#*|}; do sets+=(--set "$s"); done
  for tab in 0 1; do
    for size in 1024x640 1100x700 1280x800; do
      QT_QPA_PLATFORM=offscreen timeout 60 "$app" --lesson "$lesson" "${sets[@]}" --steps 0 --tab $tab --size $size \
        --screenshot "$err.png" >/dev/null 2>"$err"
      rc=$?
      if [ $rc -ne 0 ] || grep -q "qrc:/" "$err"; then
        echo "rc=$rc $lesson ${sets[*]} tab=$tab size=$size $(grep -m1 qrc:/ "$err")"
        bad=$((bad + 1))
      fi
    done
  done
done
echo "sweep_pages: $bad of $(( ${#cases[@]} * 6 )) starts crashed or warned"
[ $bad -eq 0 ]
