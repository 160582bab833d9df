/**
 * The door's camera: where the browser has BarcodeDetector with QR support, a "Scan with camera" button
 * shows the camera, reads the first QR code it sees into the ticket code field and sends the form. Without
 * it (or without permission) the typed code works as before.
 */
type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
type DetectorClass = {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
};

const form = document.querySelector<HTMLFormElement>('form[data-door]');
const Barcode = (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
if (form && Barcode) void offerCamera(form, Barcode);

async function offerCamera(form: HTMLFormElement, Barcode: DetectorClass): Promise<void> {
  if (!(await Barcode.getSupportedFormats()).includes('qr_code')) return;
  const field = form.querySelector<HTMLTextAreaElement>('textarea[name="code"]');
  const actions = form.querySelector('.flex-wrap');
  if (!field || !actions) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'btn-quiet';
  button.textContent = 'Scan with camera';
  actions.append(button);
  button.addEventListener('click', async () => {
    const video = document.createElement('video');
    video.setAttribute('playsinline', '');
    video.setAttribute('aria-label', 'Camera view: hold the ticket QR code up to it');
    video.className = 'w-full rounded-md';
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    } catch {
      button.textContent = 'Camera not available: type the code';
      button.disabled = true;
      return;
    }
    video.srcObject = stream;
    form.prepend(video);
    await video.play();
    const detector = new Barcode({ formats: ['qr_code'] });
    const look = async () => {
      const [found] = await detector.detect(video).catch(() => []);
      if (found?.rawValue) {
        for (const track of stream.getTracks()) track.stop();
        field.value = found.rawValue;
        form.requestSubmit();
        return;
      }
      setTimeout(look, 250);
    };
    void look();
  });
}
